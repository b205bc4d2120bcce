package io.tixing.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document's words, in one place: summary, description, the status codes each operation really answers
 * (the generator only knows "200"), problem+json error bodies, query filters read through {@code UriInfo}, examples,
 * and the bearer scheme behind Swagger UI's Authorize button. Runs at start-up, so the benchmark endpoint is
 * documented only where {@code tixing.bench.noop-enabled=true}. An operation an annotation already describes keeps
 * its own words; {@code OpenApiContractTest} fails for an operation described nowhere.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ApiDocumentation implements OASFilter {

    static final String BEARER = "bearer";
    static final String PROBLEM = "application/problem+json";

    /** One operation: what it does, every status it answers with (besides 401/403/503, common to all), its query filters. */
    record Op(String summary, String description, Map<String, String> responses, Map<String, String> query) {
        Op(String summary, String description, Map<String, String> responses) { this(summary, description, responses, Map.of()); }
    }

    static Map<String, String> codes(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        OPS.put("POST /api/v1/reminders", new Op("Submit one repayment reminder",
                "Validates the request, stores it and answers 202 with the reminder QUEUED; the dispatcher then applies the "
                        + "borrower's rule pack and sends, defers (with the next allowed instant) or suppresses it. The same "
                        + "`requestId` with the same body answers 200 with the stored reminder (idempotent replay).",
                codes("202", "Accepted: the reminder, status QUEUED", "200", "Replay of a requestId already accepted with this body",
                        "400", "A field is missing or invalid (each named in `errors`)", "409", "requestId reused with a different body",
                        "413", "Body over 1 MiB", "415", "Not application/json", "422", "Idempotency-Key reused with a different body")));
        OPS.put("POST /api/v1/reminders/batch", new Op("Submit many reminders (NDJSON or a JSON array)",
                "Streams the body line by line and answers with one NDJSON result line per input line, in order (accepted, "
                        + "replayed or refused with its problem). The response status is 200 once streaming starts; each line carries its own status.",
                codes("200", "One NDJSON result per input line", "400", "The body is not NDJSON or a JSON array", "415", "Neither NDJSON nor JSON")));
        OPS.put("GET /api/v1/reminders", new Op("List reminders",
                "Newest first, in cursor pages. A submitter sees its own client's reminders; staff see all. Recipients are masked unless the key has the `pii` role.",
                codes("200", "A page of reminders and the next cursor", "400", "A filter is invalid"),
                codes("status", "Only these statuses (repeatable): QUEUED, DEFERRED, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED, EXPIRED, CANCELLED",
                        "borrowerId", "Only this borrower's reminders", "loanId", "Only this loan's reminders", "waveId", "Only this wave's recipients (UUID)",
                        "createdFrom", "Created at or after this instant (ISO-8601)", "createdTo", "Created before this instant (ISO-8601)",
                        "limit", "Page size, 1 to 500 (default 50)", "cursor", "The `next` value of the previous page")));
        OPS.put("GET /api/v1/reminders/{id}", new Op("Read one reminder",
                "Its status, every policy decision with reasons, and every provider attempt. 404 for an id of another client.",
                codes("200", "The reminder", "404", "No such reminder visible to this key")));
        OPS.put("POST /api/v1/reminders/{id}/cancel", new Op("Cancel a reminder not yet sent",
                "QUEUED or DEFERRED becomes CANCELLED, with a LIFECYCLE contact-log entry naming the actor.",
                codes("200", "The cancelled reminder", "404", "No such reminder visible to this key", "409", "Already sent, being dispatched, or final")));
        OPS.put("POST /api/v1/noop", new Op("Benchmark baseline (benchmark builds only)",
                "Authentication and JSON binding of a reminder, then 202 without storing anything. Present only with tixing.bench.noop-enabled=true.",
                codes("202", "Accepted and discarded", "404", "Benchmark endpoint disabled")));
        OPS.put("GET /api/v1/borrowers/{id}/flags", new Op("List a borrower's protective flags",
                "Flags in force (vulnerability, dispute, bankruptcy, deceased...), or also removed ones with `removed=true`.",
                codes("200", "The flags"), codes("removed", "Also list flags that were removed")));
        OPS.put("POST /api/v1/borrowers/{id}/flags", new Op("Set a protective flag",
                "Records a flag that changes how the borrower may be contacted; every change is in the contact log.",
                codes("201", "Flag set", "200", "Flag already set", "400", "Unknown flag or missing reason")));
        OPS.put("DELETE /api/v1/borrowers/{id}/flags/{flag}", new Op("Remove a protective flag",
                "Ends a flag with a reason; the removal is in the contact log.", codes("200", "Flags now in force", "400", "Missing reason", "404", "Flag not set")));
        OPS.put("GET /api/v1/borrowers/{id}/consents", new Op("List opt-outs and holds in force",
                "Every opt-out (per channel, per loan or all) and hold the borrower has now.", codes("200", "Restrictions in force")));
        OPS.put("POST /api/v1/borrowers/{id}/opt-outs", new Op("Record an opt-out",
                "The borrower no longer wants a channel (or any contact). Takes effect before the next dispatch.",
                codes("201", "Opt-out recorded", "200", "Already opted out", "400", "A field is invalid")));
        OPS.put("DELETE /api/v1/borrowers/{id}/opt-outs/{channel}", new Op("Lift an opt-out",
                "Re-consent recorded by an operator; an opt-out the borrower made by replying STOP can only be lifted by the borrower.",
                codes("200", "Restrictions now in force", "400", "Unknown channel", "409", "Only the borrower can lift this opt-out"),
                codes("loanId", "Lift the opt-out of this loan only")));
        OPS.put("POST /api/v1/borrowers/{id}/holds", new Op("Place a hold",
                "Pauses contact (dispute, hardship, legal...) until lifted or until its end.",
                codes("201", "Hold placed", "200", "Hold already in force", "400", "A field is invalid")));
        OPS.put("DELETE /api/v1/borrowers/{id}/holds/{type}", new Op("Lift a hold", "Ends a hold; queued reminders may be sent again.",
                codes("200", "Restrictions now in force", "400", "Unknown hold type"), codes("loanId", "Lift the hold of this loan only")));
        OPS.put("GET /api/v1/borrowers/{id}/timeline", new Op("A borrower's communication timeline",
                "Every request, decision, attempt, delivery and reply for the borrower, oldest first, in the caller's language.",
                codes("200", "The timeline", "404", "Unknown borrower"), codes("lang", "Language of the explanations (zh-CN, zh-TW, zh-HK, en-US); default from Accept-Language")));
        OPS.put("POST /api/v1/borrowers/{id}/erasure", new Op("Erase a borrower's personal data",
                "Replaces personal data by tombstones where no retention rule keeps it; the contact log keeps its hashes.",
                codes("200", "What was erased and what is retained, and why", "404", "Unknown borrower", "409", "Erasure refused by a retention rule")));
        OPS.put("GET /api/v1/contact-log", new Op("Search the contact log",
                "The append-only, hash-chained record of every decision and contact, newest first in cursor pages.",
                codes("200", "A page of entries and the next cursor", "400", "A filter is invalid"),
                codes("borrowerId", "Only this borrower", "loanId", "Only this loan", "reminderId", "Only this reminder (UUID)",
                        "channel", "SMS, EMAIL or VOICE", "kind", "Entry kind (REQUEST, DECISION, ATTEMPT, DELIVERY, REPLY, LIFECYCLE, AUDIT...)",
                        "outcome", "Attempt outcome (SENT, FAILED, DELIVERED...)", "reason", "Reason code (QUIET_HOURS, DAILY_CAP, OPTED_OUT...)",
                        "template", "Template key", "from", "At or after this instant or local date", "to", "Before this instant or local date",
                        "zone", "Time zone for local dates in from/to", "q", "Free text (needs a narrower filter too)",
                        "limit", "Page size", "cursor", "The `next` value of the previous page")));
        OPS.put("GET /api/v1/contact-log/export", new Op("Export the contact log as CSV",
                "Every matching entry, oldest first; the export itself is recorded as an AUDIT entry.",
                codes("200", "text/csv", "400", "A filter is invalid"),
                codes("borrowerId", "Only this borrower", "loanId", "Only this loan", "from", "At or after", "to", "Before", "kind", "Entry kind")));
        OPS.put("GET /api/v1/contact-log/verify", new Op("Verify the contact log's hash chains",
                "Recomputes every chain (or one chain, or the entries of a time range) and reports the first broken link, if any.",
                codes("200", "The verification report", "400", "A parameter is invalid"),
                codes("chainId", "Verify this chain only (0 to the number of chains - 1)", "from", "Entries at or after this instant or local date",
                        "to", "Entries before this instant or local date", "zone", "Time zone for local dates in from/to")));
        OPS.put("GET /api/v1/contact-log/texts", new Op("Rendered texts of contact-log entries",
                "The exact text sent, for entries still within personal-data retention.", codes("200", "The texts", "400", "A parameter is invalid")));
        OPS.put("GET /api/v1/policy/explain", new Op("Explain a decision",
                "What the rule pack would decide for a borrower, channel and instant (or for a stored reminder), with every rule's verdict.",
                codes("200", "The explanation", "400", "A parameter is invalid", "404", "Unknown borrower or reminder"),
                codes("borrowerId", "The borrower", "channel", "SMS, EMAIL or VOICE", "at", "The instant to decide at (ISO-8601; default now)",
                        "loanId", "The loan", "template", "Template key, to include rendering", "reminderId", "Explain this stored reminder as dispatch decides it")));
        OPS.put("GET /api/v1/sandbox/messages", new Op("Messages the sandbox channels recorded",
                "Without provider credentials every channel records here instead of sending.", codes("200", "Newest first"),
                codes("destination", "Only messages to this phone or e-mail", "limit", "At most this many (default 100)")));
        OPS.put("POST /api/v1/admin/api-keys", new Op("Issue an API key",
                "Returns the key once (only its hash is stored), with its client and roles.",
                codes("201", "The new key (shown once)", "400", "A field is invalid")));
        OPS.put("GET /api/v1/admin/api-keys", new Op("List API keys", "Every key's id, client, roles and state; never the key itself.", codes("200", "The keys")));
        OPS.put("DELETE /api/v1/admin/api-keys/{id}", new Op("Revoke an API key", "Effective within tixing.security.key-cache-ttl on every instance.",
                codes("204", "Revoked", "404", "No such key")));
        OPS.put("GET /api/v1/templates", new Op("List templates", "Every template key, its versions, locales and channels.", codes("200", "The catalog")));
        OPS.put("POST /api/v1/templates/{key}/preview", new Op("Preview a template",
                "Renders a template for sample facts in a locale and channel, with its lint findings.",
                codes("200", "The rendered text", "400", "A field is invalid", "404", "Unknown template")));
        OPS.put("POST /api/v1/templates/reload", new Op("Reload the template folder",
                "Reads the folder again; a catalog with errors is refused and the last good one stays.",
                codes("200", "The new catalog is in use", "422", "The folder has errors; nothing changed")));
        OPS.put("PUT /api/v1/loans/{id}", new Op("Enrol or update a loan in its cadence",
                "The loan's facts drive its reminder cadence (pre-due, due-today, overdue steps).",
                codes("200", "The enrolment", "400", "A field is invalid")));
        OPS.put("GET /api/v1/loans/{id}", new Op("Read a loan's enrolment", "Its cadence, the steps run and the next one.", codes("200", "The enrolment", "404", "Unknown loan")));
        OPS.put("POST /api/v1/waves", new Op("Create a wave",
                "A campaign to many recipients, inline JSON or NDJSON upload (header line first), paced per channel. `dryRun=true` answers 200 with a forecast and stores nothing.",
                codes("202", "Accepted: the wave and its counts", "200", "Dry run: the forecast", "400", "The header or the body is invalid", "409", "The wave was cancelled meanwhile"),
                codes("dryRun", "Forecast only: validate and count, store nothing")));
        OPS.put("GET /api/v1/waves/{id}", new Op("Read a wave's progress", "Counts by status; they always reconcile with accepted.", codes("200", "The progress", "404", "Unknown wave")));
        OPS.put("POST /api/v1/waves/{id}/pause", new Op("Pause a wave", "Recipients not yet sent wait until resumed.", codes("200", "The progress", "404", "Unknown wave", "409", "The wave is cancelled")));
        OPS.put("POST /api/v1/waves/{id}/resume", new Op("Resume a wave", "Paused recipients become due again.", codes("200", "The progress", "404", "Unknown wave", "409", "The wave is cancelled")));
        OPS.put("POST /api/v1/waves/{id}/cancel", new Op("Cancel a wave", "Recipients not yet sent are cancelled, each with a contact-log entry.", codes("200", "The progress", "404", "Unknown wave", "409", "Already cancelled")));
        OPS.put("GET /api/v1/worklist", new Op("List open cases for collection staff",
                "Escalations, disputes, hardship, wrong numbers, unreachable borrowers and unknown send outcomes that need a person, "
                        + "oldest first, each with its age, reason and a link to the borrower's timeline (docs/CONVERSATIONS.md).",
                codes("200", "The cases", "400", "A filter is invalid (named in `errors`)"),
                codes("status", "`open` (default: open and claimed) or `all`", "kind", "One case kind (WRONG_NUMBER, DISPUTE, HARDSHIP...)",
                        "borrowerId", "Only this borrower's cases", "limit", "1..500, default 100")));
        OPS.put("GET /api/v1/worklist/{id}", new Op("Read one case", "The case with its notes and history.",
                codes("200", "The case", "400", "Not a case id", "404", "Unknown case")));
        OPS.put("POST /api/v1/worklist/{id}/claim", new Op("Claim a case",
                "The caller becomes the case's handler; logged in the contact log.",
                codes("200", "The case, CLAIMED", "404", "Unknown case", "409", "Already claimed by someone else, or resolved")));
        OPS.put("POST /api/v1/worklist/{id}/notes", new Op("Add a note to a case", "Appends a note; logged in the contact log.",
                codes("200", "The case with the note", "400", "The note is missing or too long", "404", "Unknown case", "409", "The case is resolved")));
        OPS.put("POST /api/v1/worklist/{id}/resolve", new Op("Resolve a case with an outcome",
                "Closes the case with an outcome (CONTACTED, PROMISE_TO_PAY, PAYMENT_PLAN, DISPUTE_UPHELD...); logged in the contact log.",
                codes("200", "The case, RESOLVED", "400", "Unknown outcome", "404", "Unknown case", "409", "Already resolved, or claimed by someone else")));
        OPS.put("POST /webhooks/aliyun/{token}/report", new Op("Alibaba Cloud SMS delivery reports",
                "A JSON array of delivery reports (out_id = our attempt id), each applied once like a Twilio status callback. "
                        + "Authenticated by the shared callback token in the path (tixing.aliyun-sms.callback-token), not by an API key.",
                codes("200", "Applied (duplicates ignored)", "400", "The body is not a JSON array", "403", "Missing or wrong callback token")));
        OPS.put("POST /webhooks/aliyun/{token}/inbound", new Op("Alibaba Cloud SMS inbound replies",
                "A JSON array of borrower replies (上行短信), read by the same reply recognition as Twilio's inbound SMS "
                        + "(opt-out, wrong number, dispute, hardship, promise to pay...). Authenticated by the callback token in the path.",
                codes("200", "Applied (duplicates ignored)", "400", "The body is not a JSON array", "403", "Missing or wrong callback token")));
        OPS.put("POST /webhooks/twilio/status", new Op("Twilio status callback",
                "SMS and call status, applied once per (sid, status). Authenticated by X-Twilio-Signature, not by an API key.",
                codes("204", "Applied (or a duplicate, ignored)", "403", "Missing or invalid X-Twilio-Signature")));
        OPS.put("POST /webhooks/twilio/inbound", new Op("Twilio inbound SMS",
                "Opt-out and opt-in replies, applied once per MessageSid; answered with TwiML in the borrower's language.",
                codes("200", "TwiML reply", "403", "Missing or invalid X-Twilio-Signature")));
        OPS.put("POST /webhooks/twilio/voice/{attemptId}", new Op("Twilio voice robot step",
                "TwiML for each step of a reminder call and its key menu.",
                codes("200", "TwiML", "403", "Missing or invalid X-Twilio-Signature", "404", "Unknown call")));
    }

    static final String REMINDER_EXAMPLE = """
            {"requestId":"loan-8812-d3","borrower":{"id":"B-1001","name":"王小明","locale":"zh-CN","timezone":"Asia/Shanghai",\
            "jurisdiction":"CN","phone":"+8613800138000"},"loan":{"id":"L-8812","creditor":"示例银行","product":"个人消费贷",\
            "amountDue":"1234.50","currency":"CNY","dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}""";

    static final String REMINDER_ACCEPTED = """
            {"id":"7b0f3c8e-3d1a-4c55-9a70-1f2d3e4c5b6a","requestId":"loan-8812-d3","status":"QUEUED","borrowerId":"B-1001"}""";

    static final String PROBLEM_EXAMPLE = """
            {"type":"https://tixing.io/problems/validation","title":"Invalid request","status":400,\
            "detail":"1 field(s) are invalid; see errors","errors":[{"field":"borrower.phone","message":"must be an E.164 number, e.g. +8613800138000"}]}""";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boolean noop = ConfigProvider.getConfig().getOptionalValue("tixing.bench.noop-enabled", Boolean.class).orElse(false);
        if (!noop && openAPI.getPaths() != null) openAPI.getPaths().removePathItem("/api/v1/noop");
        if (openAPI.getInfo() != null) {
            openAPI.getInfo().setVersion("v1");
            openAPI.getInfo().setDescription("Loan systems submit repayment reminders; the gateway applies each borrower's rule pack "
                    + "(quiet hours, caps, opt-outs, holds) and sends, defers or suppresses them, recording every decision in a "
                    + "hash-chained contact log. Authenticate with `Authorization: Bearer <API key>` (Authorize button). Errors are "
                    + "RFC 9457 problem+json documents.");
        }
        Components components = openAPI.getComponents();
        if (components == null) openAPI.setComponents(components = OASFactory.createComponents());
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (POST /api/v1/admin/api-keys, or the bootstrap admin key) sent as `Authorization: Bearer <key>`"));
        components.addSchema("FieldError", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("JSON path of the field, e.g. borrower.phone"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("Why it was refused")));
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("Stable URI of the problem kind"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref("FieldError")))
                .addRequired("type").addRequired("title").addRequired("status"));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        if (openAPI.getPaths() == null) return;
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> describe(method.name() + " " + path, path, op)));
    }

    private void describe(String key, String path, Operation op) {
        Op doc = OPS.get(key);
        boolean webhook = path.startsWith("/webhooks/");
        if (webhook) op.setSecurity(List.of(OASFactory.createSecurityRequirement())); // signed by Twilio, no API key
        if (doc == null) {
            problemBodies(op.getResponses());
            return;
        }
        if (op.getSummary() == null) op.setSummary(doc.summary());
        if (op.getDescription() == null) op.setDescription(doc.description());
        APIResponses responses = op.getResponses();
        if (responses == null) op.setResponses(responses = OASFactory.createAPIResponses());
        APIResponse generated = responses.getAPIResponse("200");
        Content body = generated == null ? null : generated.getContent();
        if (generated != null && !doc.responses().containsKey("200")) responses.removeAPIResponse("200");
        Map<String, String> all = new LinkedHashMap<>(doc.responses());
        if (!webhook) {
            all.putIfAbsent("401", "Missing or unknown API key");
            all.putIfAbsent("403", "The key lacks the role this operation needs");
        }
        all.putIfAbsent("503", "The database is unavailable; retry after Retry-After seconds");
        for (var e : all.entrySet()) {
            int status = Integer.parseInt(e.getKey());
            APIResponse r = responses.getAPIResponse(e.getKey());
            if (r != null && r.getContent() != null && status >= 400 && r.getContent().getMediaType(PROBLEM) == null) r.setContent(null);
            if (r == null) {
                r = OASFactory.createAPIResponse();
                if (status < 400 && status != 204 && body != null) r.content(body);
                responses.addAPIResponse(e.getKey(), r);
            }
            if (r.getDescription() == null || r.getDescription().isBlank() || "OK".equals(r.getDescription())) r.setDescription(e.getValue());
        }
        problemBodies(responses);
        for (var q : doc.query().entrySet()) {
            Parameter existing = op.getParameters() == null ? null : op.getParameters().stream()
                    .filter(p -> q.getKey().equals(p.getName()) && p.getIn() == Parameter.In.QUERY).findFirst().orElse(null);
            if (existing == null) {
                op.addParameter(OASFactory.createParameter().name(q.getKey()).in(Parameter.In.QUERY).description(q.getValue())
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            } else if (existing.getDescription() == null) {
                existing.setDescription(q.getValue());
            }
        }
        if (key.equals("POST /api/v1/reminders")) {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                MediaType json = op.getRequestBody().getContent().getMediaType("application/json");
                if (json != null) json.addExample("王小明, overdue SMS", example(REMINDER_EXAMPLE));
            }
            APIResponse accepted = responses.getAPIResponse("202");
            if (accepted != null && accepted.getContent() != null && accepted.getContent().getMediaType("application/json") != null) {
                accepted.getContent().getMediaType("application/json").addExample("queued", example(REMINDER_ACCEPTED));
            }
        }
    }

    /**
     * Generated error responses (401/403 from {@code @RolesAllowed}, 400 from validation) come without a body: every
     * error the service answers is a problem document.
     */
    private static void problemBodies(APIResponses responses) {
        if (responses == null || responses.getAPIResponses() == null) return;
        for (var e : responses.getAPIResponses().entrySet()) {
            if (!e.getKey().matches("[45][0-9][0-9]")) continue;
            APIResponse r = e.getValue();
            if (r.getContent() == null || r.getContent().getMediaType(PROBLEM) == null) {
                String detail = r.getDescription() == null ? "Error" : r.getDescription();
                r.content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .addExample("problem", example("400".equals(e.getKey()) ? PROBLEM_EXAMPLE : problem(Integer.parseInt(e.getKey()), detail)))));
            }
        }
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"https://tixing.io/problems/...\",\"title\":\"" + detail.replace("\"", "'") + "\",\"status\":" + status + "}";
    }

    private static Example example(String json) {
        Object value;
        try {
            value = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bad OpenAPI example: " + json, e);
        }
        return OASFactory.createExample().value(value);
    }

}
