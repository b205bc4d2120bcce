package io.tixing.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFormattingTest {

    @Test
    void moneyIsFormattedByCurrencyNotByLocale() {
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "CNY")).isEqualTo("¥1,234.50");
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "TWD")).isEqualTo("NT$1,235");
        assertThat(MessageFormatting.money(new BigDecimal("1234.49"), "TWD")).isEqualTo("NT$1,234");
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "HKD")).isEqualTo("HK$1,234.50");
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "usd")).isEqualTo("$1,234.50");
        assertThat(MessageFormatting.money(new BigDecimal("9999999.99"), "CNY")).isEqualTo("¥9,999,999.99");
        assertThat(MessageFormatting.money(new BigDecimal("12"), "EUR")).isEqualTo("EUR 12.00");
    }

    @Test
    void chineseLocalesShowYearMonthDayAndEnglishShowsMonthDayYear() {
        LocalDate d = LocalDate.of(2026, 11, 20);
        assertThat(MessageFormatting.date(d, "zh-CN")).isEqualTo("2026年11月20日");
        assertThat(MessageFormatting.date(d, "zh-TW")).isEqualTo("2026年11月20日");
        assertThat(MessageFormatting.date(d, "zh-HK")).isEqualTo("2026年11月20日");
        assertThat(MessageFormatting.date(d, "en-US")).isEqualTo("Nov 20, 2026");
        assertThat(MessageFormatting.date(LocalDate.of(2027, 1, 5), "zh-CN")).isEqualTo("2027年1月5日");
    }

    @Test
    void namesAreMaskedKeepingTheSurnameOrTheInitials() {
        assertThat(MessageFormatting.maskName("王小明")).isEqualTo("王**");
        assertThat(MessageFormatting.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(MessageFormatting.maskName("John Smith")).isEqualTo("J*** S****");
        assertThat(MessageFormatting.maskName("  Mary-Ann  O'Neil ")).isEqualTo("M******* O*****");
        assertThat(MessageFormatting.maskName(null)).isEmpty();
    }

    @Test
    void voiceSpeaksTheSurnameOrInitialsInsteadOfStars() {
        assertThat(MessageFormatting.initials("王小明")).isEqualTo("王");
        assertThat(MessageFormatting.initials("John Smith")).isEqualTo("J. S.");
    }
}
