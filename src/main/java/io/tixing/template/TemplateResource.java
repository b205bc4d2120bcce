package io.tixing.template;

import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.policy.ChannelType;
import io.tixing.policy.RulePacks;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The catalog for operators: list with versions and lint status, preview a render, reload after an edit. */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;
    private final java.time.Clock clock;

    public TemplateResource(TemplateService templates, java.time.Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public List<TemplateInfo> list() { return templates.catalog().current().entries(); }

    /** Sample data when {@code data} is omitted; the pack defaults from the locale (zh-CN→CN, …, en-US→US). */
    public record PreviewRequest(String locale, String channel, String pack, PreviewData data) {}

    public record PreviewData(String borrowerName, String creditor, String product, String amountDue, String currency,
                              String dueDate, Integer daysOverdue, String hotline, String loanId) {}

    @POST
    @Path("{key}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public Preview preview(@PathParam("key") String key, PreviewRequest request) {
        var catalog = templates.catalog().current();
        if (catalog.entry(key).isEmpty()) throw ProblemException.notFound("template " + key);
        List<FieldError> errors = new ArrayList<>();
        String locale = request == null || request.locale() == null ? "zh-CN" : request.locale();
        if (!TemplateCatalog.LOCALES.contains(locale)) errors.add(new FieldError("locale", "must be one of " + TemplateCatalog.LOCALES));
        ChannelType channel = ChannelType.SMS;
        if (request != null && request.channel() != null) {
            try {
                channel = ChannelType.valueOf(request.channel());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("channel", "must be SMS, EMAIL or VOICE"));
            }
        }
        String pack = request == null || request.pack() == null ? packOf(locale) : request.pack();
        if (!RulePacks.JURISDICTIONS.contains(pack)) errors.add(new FieldError("pack", "must be one of " + RulePacks.JURISDICTIONS));
        MessageData data = request == null || request.data() == null ? null : data(request.data(), today(pack), errors);
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        if (!catalog.entry(key).get().channels().contains(channel)) {
            throw ProblemException.badRequest("channel", "template " + key + " has no " + channel + " variant");
        }
        return catalog.preview(key, locale, channel, data, pack);
    }

    @POST
    @Path("reload")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> reload() {
        return switch (templates.catalog().reload()) {
            case ReloadOutcome.Reloaded r -> Map.of("status", "RELOADED", "templates", r.catalog().entries().size());
            case ReloadOutcome.Rejected r -> throw new ProblemException(Problem.of(422, "template-rejected",
                    "Template edit rejected; the last good catalog stays in use", r.error().getMessage()));
        };
    }

    private static String packOf(String locale) {
        return switch (locale) {
            case "zh-HK" -> "HK";
            case "zh-TW" -> "TW";
            case "en-US" -> "US";
            default -> "CN";
        };
    }

    /** Today in the pack's default zone, on the service clock: a preview's omitted facts are counted from it. */
    private LocalDate today(String pack) {
        String zone = switch (pack == null ? "" : pack) {
            case "HK" -> "Asia/Hong_Kong";
            case "TW" -> "Asia/Taipei";
            case "US" -> "America/New_York";
            default -> "Asia/Shanghai";
        };
        return LocalDate.now(clock.withZone(java.time.ZoneId.of(zone)));
    }

    /** Omitted daysOverdue is derived from dueDate, as at intake (POLICY.md "Facts must agree"). */
    private static MessageData data(PreviewData d, LocalDate today, List<FieldError> errors) {
        try {
            LocalDate due = d.dueDate() == null ? today : LocalDate.parse(d.dueDate());
            int days = d.daysOverdue() != null ? d.daysOverdue() : (int) java.time.temporal.ChronoUnit.DAYS.between(due, today);
            return new MessageData(d.borrowerName(), d.creditor(), d.product(),
                    d.amountDue() == null ? BigDecimal.ZERO : new BigDecimal(d.amountDue()), d.currency() == null ? "CNY" : d.currency(),
                    due, days, d.hotline(), d.loanId());
        } catch (NumberFormatException | DateTimeParseException e) {
            errors.add(new FieldError("data", "amountDue must be a decimal and dueDate YYYY-MM-DD"));
            return null;
        }
    }
}
