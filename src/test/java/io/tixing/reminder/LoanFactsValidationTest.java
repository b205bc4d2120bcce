package io.tixing.reminder;

import io.tixing.api.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** COMPLIANCE.md "Facts must agree": loan data that contradicts itself is refused, naming the fields. */
class LoanFactsValidationTest {

    /** 10:00 on 23 Nov 2026 in Shanghai, as TestClock pins it. */
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final ReminderValidator validator = new ReminderValidator(key -> true);

    static ReminderRequest request(String timezone, String phone, String locale, String jurisdiction, String amount,
                                   String dueDate, Integer daysOverdue) {
        var borrower = new ReminderRequest.Borrower("B-1", "王小明", locale, timezone, jurisdiction, phone, null, List.of());
        var loan = new ReminderRequest.Loan("L-1", "示例银行", "个人消费贷", amount, "CNY", dueDate, daysOverdue, "LOW", "95555");
        return new ReminderRequest("r-1", borrower, loan, null, List.of("SMS"), null, null);
    }

    static ReminderRequest shanghai(String amount, String dueDate, Integer daysOverdue) {
        return request("Asia/Shanghai", "+8613800138000", "zh-CN", "CN", amount, dueDate, daysOverdue);
    }

    static List<String> fields(ReminderRequest r) {
        return validator.validate(r, NOW).stream().map(FieldError::field).toList();
    }

    @Test
    void amount_due_zero_is_refused_naming_the_field() {
        List<FieldError> errors = validator.validate(shanghai("0", "2026-11-20", 3), NOW);

        assertThat(errors).extracting(FieldError::field).containsExactly("loan.amountDue");
        assertThat(errors.getFirst().message()).contains("greater than 0");
        assertThat(fields(shanghai("0.00", "2026-11-20", 3))).containsExactly("loan.amountDue");
        assertThat(fields(shanghai("-5", "2026-11-20", 3))).containsExactly("loan.amountDue");
        assertThat(fields(shanghai("0.01", "2026-11-20", 3))).isEmpty();
    }

    @Test
    void days_overdue_contradicting_a_future_due_date_is_refused_naming_both_fields() {
        List<FieldError> errors = validator.validate(shanghai("1234.50", "2026-11-26", 3), NOW); // due in 3 days, "3 overdue"

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("loan.daysOverdue", "loan.dueDate");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).contains("due in 3 day(s)", "Asia/Shanghai"));
    }

    @Test
    void days_overdue_within_one_day_of_the_due_date_in_the_borrower_zone_is_accepted() {
        assertThat(fields(shanghai("1234.50", "2026-11-20", 3))).isEmpty();
        assertThat(fields(shanghai("1234.50", "2026-11-20", 2))).isEmpty();
        assertThat(fields(shanghai("1234.50", "2026-11-20", 4))).isEmpty();
        assertThat(fields(shanghai("1234.50", "2026-11-20", 5))).containsExactlyInAnyOrder("loan.daysOverdue", "loan.dueDate");
        assertThat(fields(shanghai("1234.50", "2026-11-26", -3))).isEmpty();
    }

    @Test
    void without_a_stated_zone_the_days_are_counted_in_the_phone_zone() {
        // 02:00 UTC on the 23rd is still the 22nd in Honolulu: due on the 22nd is due today there, not one day late
        var honolulu = request(null, "+18085551234", "en-US", "US", "10", "2026-11-17", 5);
        assertThat(validator.validate(honolulu, NOW)).isEmpty();
        var contradicted = request(null, "+18085551234", "en-US", "US", "10", "2026-11-17", 7);
        assertThat(fields(contradicted)).containsExactlyInAnyOrder("loan.daysOverdue", "loan.dueDate");
        assertThat(validator.validate(contradicted, NOW).getFirst().message()).contains("Pacific/Honolulu");
    }

    @Test
    void days_overdue_omitted_is_derived_from_the_due_date_in_the_borrower_zone() {
        ReminderRequest omitted = shanghai("1234.50", "2026-11-20", null);
        assertThat(validator.validate(omitted, NOW)).isEmpty();
        assertThat(ReminderValidator.withDerivedDaysOverdue(omitted, NOW).loan().daysOverdue()).isEqualTo(3);

        // 20:00 on the 22nd in Honolulu (the phone's zone): one day past a due date of the 21st, not two
        ReminderRequest hawaii = request(null, "+18085551234", "en-US", "US", "10", "2026-11-21", null);
        assertThat(ReminderValidator.withDerivedDaysOverdue(hawaii, Instant.parse("2026-11-23T06:00:00Z")).loan().daysOverdue())
                .isEqualTo(1);
        // pre-due: a negative count, the days until due
        assertThat(ReminderValidator.withDerivedDaysOverdue(shanghai("1", "2026-11-26", null), NOW).loan().daysOverdue()).isEqualTo(-3);
        // a stated count is kept
        assertThat(ReminderValidator.withDerivedDaysOverdue(shanghai("1", "2026-11-20", 2), NOW).loan().daysOverdue()).isEqualTo(2);
    }

    @Test
    void a_us_borrower_with_neither_zone_nor_phone_gets_the_smallest_count_over_the_us_zones() {
        var noZone = new ReminderRequest.Borrower("B-2", "John Smith", "en-US", null, "US", null, "j@example.com", List.of());
        var loan = new ReminderRequest.Loan("L-2", "Example Bank", null, "10", "USD", "2026-11-22", null, null, "1-800-555-0100");
        var r = new ReminderRequest("r-2", noZone, loan, null, List.of("EMAIL"), null, null);

        // 06:00 UTC on the 23rd: already the 23rd in New York, still the 22nd in Honolulu → due today, never "1 day late"
        assertThat(ReminderValidator.withDerivedDaysOverdue(r, Instant.parse("2026-11-23T06:00:00Z")).loan().daysOverdue()).isZero();
    }
}
