package io.tixing.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;

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
    void amounts_are_grouped_and_rounded_exactly_as_a_us_decimal_format_would() {
        Random random = new Random(20261202);
        for (int n = 0; n < 20_000; n++) {
            int decimals = n % 4;
            BigDecimal amount = new BigDecimal(random.nextLong() >> random.nextInt(64)).movePointLeft(random.nextInt(6));
            if (n % 7 == 0) amount = amount.negate();
            DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                    DecimalFormatSymbols.getInstance(Locale.US));
            format.setRoundingMode(RoundingMode.HALF_UP);
            assertThat(MessageFormatting.grouped(amount, decimals)).as("%s to %d places", amount, decimals)
                    .isEqualTo(format.format(amount.setScale(decimals, RoundingMode.HALF_UP)));
        }
        assertThat(MessageFormatting.grouped(new BigDecimal("-1234567.005"), 2)).isEqualTo("-1,234,567.01");
        assertThat(MessageFormatting.grouped(new BigDecimal("999.5"), 0)).isEqualTo("1,000");
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

    @Test
    void the_voice_robot_says_initials_or_the_polite_surname_never_stars() {
        assertThat(MessageFormatting.spokenName("J*** S****", "en-US")).isEqualTo("J. S.");
        assertThat(MessageFormatting.spokenName("John Smith", "en-US")).isEqualTo("J. S.");
        assertThat(MessageFormatting.spokenName("王**", "zh-CN")).isEqualTo("王姓客户");
        assertThat(MessageFormatting.spokenName("林美玲", "zh-TW")).isEqualTo("林先生或林小姐");
        assertThat(MessageFormatting.spokenName("陳**", "zh-HK")).isEqualTo("陳先生或者陳小姐");
        assertThat(MessageFormatting.spokenName(null, "en-US")).isEqualTo("the account holder");
    }
}
