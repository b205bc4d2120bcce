package io.tixing.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tixing.channel.twilio.TwilioSignature;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import io.tixing.template.MessageFormatting;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input at the public edges (intake and Twilio webhooks). The rule: the answer is a 4xx
 * problem+json, or a 202 for a valid request whose strings are merely hostile, and never a 5xx; an accepted hostile
 * string reaches the borrower as literal text (or is blocked), never executed; the service stays healthy.
 * Cases come from a seeded {@link Random}, so a failure names a case that can be replayed.
 */
@QuarkusTest
@TestProfile(FuzzProfile.class)
class BadInputFuzzTest {

    static final long SEED = Long.getLong("tixing.fuzz.seed", 20261123L);
    static final String REMINDERS = "/api/v1/reminders";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every string field of a valid request, as a path into {@link Fixtures#aReminder()}. */
    static final List<String> STRING_FIELDS = List.of("requestId", "template", "channelStrategy", "notAfter", "channels[0]",
            "borrower.id", "borrower.name", "borrower.locale", "borrower.timezone", "borrower.jurisdiction", "borrower.phone",
            "borrower.email", "borrower.flags[0]", "loan.id", "loan.creditor", "loan.product", "loan.amountDue", "loan.currency",
            "loan.dueDate", "loan.riskTier", "loan.hotline");
    /** Every field, string or not, for the wrong-type cases. */
    static final List<String> ALL_FIELDS;

    static {
        List<String> all = new ArrayList<>(STRING_FIELDS);
        all.addAll(List.of("borrower", "loan", "channels", "borrower.flags", "loan.daysOverdue"));
        ALL_FIELDS = List.copyOf(all);
    }

    /** SQL, HTML, TwiML and FreeMarker injections, each short enough to pass the length limits of most fields. */
    static final List<String> HOSTILE = List.of(
            "' OR '1'='1",
            "x'); DROP TABLE reminder; --",
            "1; SELECT pg_sleep(10)--",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(document.cookie)>",
            "</Say><Dial>+19005550000</Dial><Say>",
            "<Response><Hangup/></Response>",
            "${7*7}",
            "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
            "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
            "#{7*7}[=7*7]<@x/>",
            "${.now}${.data_model}");

    /** Fields a template shows verbatim, and the name, which it shows masked. */
    static final List<String> SHOWN_VERBATIM = List.of("loan.creditor", "loan.product", "loan.hotline");

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    final Random random = new Random(SEED);
    final List<String> failures = new ArrayList<>();
    static int cases;

    @BeforeEach
    void reset() { clock.reset(); }

    @AfterAll
    static void report() { System.out.println("BadInputFuzzTest: " + cases + " requests, seed " + SEED); }

    @Test
    void every_string_field_with_hostile_text_is_refused_or_accepted_and_then_shown_literally_never_executed() throws Exception {
        record Accepted(String id, String field, String payload, String phone) {}
        List<Accepted> accepted = new ArrayList<>();
        for (String payload : HOSTILE) {
            for (String field : STRING_FIELDS) {
                var body = Fixtures.aReminder();
                String phone = freshMobile();
                Fixtures.borrower(body).put("phone", phone);
                // Ids stay unique per case, so idempotency and caps never couple two cases.
                String value = field.endsWith(".id") || field.equals("requestId") ? payload + "#" + UUID.randomUUID() : payload;
                set(body, field, value);
                Response r = Api.as(Fixtures.ADMIN_KEY).body(JSON.writeValueAsBytes(body)).post(REMINDERS);
                check(r, field + "=" + payload);
                if (r.statusCode() == 202) accepted.add(new Accepted(r.path("id"), field, payload, phone));
            }
        }
        assertThat(accepted).as("hostile text in free-text fields is valid input and must be accepted").isNotEmpty();

        worker.drain();
        int shownLiterally = 0;
        for (Accepted a : accepted) {
            var reminder = Api.asAdmin().get(REMINDERS + "/" + a.id()).then().statusCode(200).extract();
            String status = reminder.path("status");
            if (status.equals("SUPPRESSED")) {
                List<String> reasons = reminder.path("decisions[-1].reasons");
                if (!reasons.contains("CONTENT_BLOCKED")) failures.add(a + " suppressed for " + reasons);
                continue;
            }
            if (!status.equals("SENT")) {
                failures.add(a + " ended " + status);
                continue;
            }
            List<String> bodies = Api.asAdmin().queryParam("destination", a.phone()).get("/api/v1/sandbox/messages")
                    .then().statusCode(200).extract().path("body");
            if (bodies.size() != 1) {
                failures.add(a + " sent " + bodies.size() + " messages");
                continue;
            }
            String text = bodies.getFirst();
            String expected = a.field().equals("borrower.name") ? MessageFormatting.maskName(a.payload())
                    : SHOWN_VERBATIM.contains(a.field()) ? a.payload() : null;
            if (expected == null) continue;
            if (text.contains(expected)) shownLiterally++;
            else failures.add(a + " not shown literally as '" + expected + "': " + text);
        }
        assertNoFailures();
        assertThat(shownLiterally).as("hostile payloads checked in a sent message").isGreaterThan(0);
        System.out.printf("BadInputFuzzTest: %d hostile requests accepted, %d payloads found literally in the sent SMS%n", accepted.size(), shownLiterally);
        healthStaysUp();
    }

    @Test
    void broken_json_wrong_types_huge_deep_and_undecodable_bodies_are_all_4xx_problems() throws Exception {
        byte[] valid = JSON.writeValueAsBytes(Fixtures.aReminder());
        // Malformed JSON: truncations and random byte flips of a valid body.
        for (int i = 0; i < 60; i++) post("truncated", java.util.Arrays.copyOf(valid, random.nextInt(valid.length)));
        for (int i = 0; i < 80; i++) {
            byte[] b = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            // A flip inside a free-text value can leave a valid request (a name with another letter): that one may be
            // accepted; a body that is no longer valid UTF-8 JSON never may.
            if (isValidJson(b)) check(Api.as(Fixtures.ADMIN_KEY).body(b).post(REMINDERS), "flipped (still valid JSON)");
            else post("flipped", b);
        }
        for (String text : List.of("", " ", "null", "[]", "42", "\"text\"", "{", "{}", "{\"requestId\":}", "{'requestId':'x'}",
                "{\"requestId\":\"a\",\"requestId\":\"b\"}", "{\"unknown\":1}")) {
            post("literal " + text, text.getBytes(StandardCharsets.UTF_8));
        }
        // Wrong types in every field.
        List<Object> wrong = List.of(42, -1.5e308, true, List.of("x"), Map.of("k", "v"));
        for (String field : ALL_FIELDS) {
            for (Object value : wrong) {
                if (field.equals("loan.daysOverdue") && value instanceof Integer) continue; // the one integer field
                var body = Fixtures.aReminder();
                set(body, field, value);
                post("type " + field + "=" + value, JSON.writeValueAsBytes(body));
            }
        }
        // 100 KB in every string field.
        String huge = "王".repeat(100 * 1024 / 3) + "A";
        for (String field : STRING_FIELDS) {
            var body = Fixtures.aReminder();
            set(body, field, huge);
            post("huge " + field, JSON.writeValueAsBytes(body));
        }
        // 10,000 levels of nesting, as arrays and as objects, at the top and inside a field.
        post("deep arrays", ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        post("deep objects", ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        post("deep in borrower.name", ("{\"requestId\":\"r\",\"borrower\":{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}")
                .getBytes(StandardCharsets.UTF_8));
        // Invalid UTF-8 inside string values.
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xE4, (byte) 0xB8})) {
            String marker = "\"王小明\"";
            String text = new String(valid, StandardCharsets.UTF_8);
            int at = text.indexOf(marker);
            var out = new ByteArrayOutputStream();
            out.write(text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8));
            out.write(bad);
            out.write(text.substring(at + marker.length() - 1).getBytes(StandardCharsets.UTF_8));
            post("invalid utf-8 " + java.util.HexFormat.of().formatHex(bad), out.toByteArray());
        }
        // Bodies past the 1 MiB limit: valid JSON with a giant field, and plain garbage.
        var big = Fixtures.aReminder();
        Fixtures.borrower(big).put("name", "x".repeat(1024 * 1024 + 10));
        post("1 MiB+ json", JSON.writeValueAsBytes(big));
        byte[] garbage = new byte[3 * 1024 * 1024];
        random.nextBytes(garbage);
        post("3 MiB garbage", garbage);
        // Wrong content types with a valid body.
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream")) {
            var r = raw(REMINDERS, type, valid, true);
            check(r, "content-type " + type);
            if (r.statusCode() == 202) failures.add("content-type " + type + " accepted");
        }
        // An unknown charset parameter on a UTF-8 body: read as UTF-8 or refused, either way no 5xx.
        check(raw(REMINDERS, "application/json; charset=EBCDIC-nope", JSON.writeValueAsBytes(Fixtures.aReminder()), true), "unknown charset");
        // Nothing of the above is acceptable input, so nothing may have been accepted.
        assertNoFailures();
        healthStaysUp();
    }

    @Test
    void webhooks_refuse_unsigned_and_survive_signed_garbage() throws Exception {
        List<String> paths = List.of("/webhooks/twilio/status", "/webhooks/twilio/status?attemptId=" + UUID.randomUUID(),
                "/webhooks/twilio/status?attemptId=not-a-uuid", "/webhooks/twilio/inbound", "/webhooks/twilio/voice/" + UUID.randomUUID() + "?step=menu",
                "/webhooks/twilio/voice/%27%20OR%201%3D1?step=identity", "/webhooks/twilio/voice/" + UUID.randomUUID() + "?step=%24%7B7*7%7D");
        List<String> keys = List.of("MessageSid", "MessageStatus", "CallSid", "CallStatus", "ErrorCode", "AnsweredBy", "From", "Body", "Digits");
        for (String path : paths) {
            for (int i = 0; i < 12; i++) {
                Map<String, String> form = new LinkedHashMap<>();
                for (String key : keys) if (random.nextBoolean()) form.put(key, hostileOrRandom());
                // Unsigned and forged: always 403.
                Answer unsigned = form(path, form, null);
                check(unsigned, "unsigned " + path);
                if (unsigned.statusCode() != 403) failures.add("unsigned " + path + " answered " + unsigned.statusCode());
                Answer forged = form(path, form, "AAAA" + i);
                if (forged.statusCode() != 403) failures.add("forged " + path + " answered " + forged.statusCode());
                // Signed: the request is authentic, but its content is garbage. Any answer but a 5xx.
                Answer signed = form(path, form, sign(path, form));
                if (signed.statusCode() >= 500) failures.add("signed " + path + " " + form + " answered " + signed.statusCode() + ": " + signed.body());
                cases += 3;
            }
        }
        // Raw bodies the form parser must cope with: invalid UTF-8, huge, wrong type, empty.
        List<byte[]> raw = List.of(new byte[]{'B', 'o', 'd', 'y', '=', (byte) 0xC3, 0x28}, ("Body=" + "%".repeat(5000)).getBytes(StandardCharsets.US_ASCII),
                ("Body=" + "x".repeat(1024 * 1024 + 10)).getBytes(StandardCharsets.US_ASCII), new byte[0]);
        for (String path : paths) {
            for (byte[] body : raw) {
                check(raw(path, "application/x-www-form-urlencoded", body, false), "raw " + body.length + " bytes to " + path);
            }
            check(raw(path, "application/json", "{\"Body\":\"STOP\"}".getBytes(StandardCharsets.UTF_8), false), "json to " + path);
        }
        assertNoFailures();
        healthStaysUp();
    }

    /** One operation of the OpenAPI document: its method, path template, parameters and body media types. */
    record Endpoint(String method, String path, List<String> pathParams, List<String> queryParams, List<String> bodyTypes) {
        boolean takesForm() { return bodyTypes.contains("application/x-www-form-urlencoded"); }

        boolean hasBody() { return method.equals("POST") || method.equals("PUT") || method.equals("PATCH"); }

        /** The path with every parameter set to {@code x}, except {@code nul}, which gets {@code x%00y}. */
        String fill(String nul) {
            String filled = path;
            for (String p : pathParams) filled = filled.replace("{" + p + "}", p.equals(nul) ? "x%00y" : "x");
            return filled;
        }
    }

    /** Every operation the service publishes, from its own OpenAPI document, so a new endpoint cannot be missed. */
    static List<Endpoint> endpoints() throws Exception {
        var doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<Endpoint> out = new ArrayList<>();
        for (var path : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) path.getValue()::fields) {
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) continue;
                List<String> pathParams = new ArrayList<>(), queryParams = new ArrayList<>(), bodyTypes = new ArrayList<>();
                var params = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
                path.getValue().path("parameters").forEach(params::add);
                op.getValue().path("parameters").forEach(params::add);
                for (var param : params) {
                    String in = param.path("in").asText(), name = param.path("name").asText();
                    if (in.equals("path") && !pathParams.contains(name)) pathParams.add(name);
                    if (in.equals("query") && !queryParams.contains(name)) queryParams.add(name);
                }
                // Templates the document leaves undeclared (a resource reading UriInfo) still get filled.
                var template = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path.getKey());
                while (template.find()) if (!pathParams.contains(template.group(1))) pathParams.add(template.group(1));
                op.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                out.add(new Endpoint(method, path.getKey(), pathParams, queryParams, bodyTypes));
            }
        }
        return out;
    }

    @Test
    void the_endpoint_list_is_the_whole_published_api() throws Exception {
        List<Endpoint> all = endpoints();
        List<String> paths = all.stream().map(e -> e.method() + " " + e.path()).toList();
        // The endpoints named in the bug reports, so a broken document cannot make the NUL and form cases vacuous.
        assertThat(paths).contains("POST /api/v1/reminders", "GET /api/v1/reminders/{id}", "GET /api/v1/contact-log",
                "GET /api/v1/contact-log/export", "GET /api/v1/borrowers/{id}/timeline", "GET /api/v1/borrowers/{id}/consents",
                "POST /api/v1/borrowers/{id}/holds", "POST /api/v1/borrowers/{id}/opt-outs", "GET /api/v1/sandbox/messages",
                "POST /webhooks/twilio/status", "POST /webhooks/twilio/inbound", "POST /webhooks/twilio/voice/{attemptId}",
                "GET /api/v1/admin/api-keys");
        assertThat(all).as("operations in /q/openapi").hasSizeGreaterThan(25);
    }

    /**
     * PostgreSQL refuses NUL in text; a NUL that reached a query was a 500. Every path parameter and every query
     * value of every endpoint, with {@code %00} in it, is now a 400 naming the parameter, before the resource runs.
     */
    @Test
    void a_nul_in_any_path_parameter_or_query_value_of_any_endpoint_is_a_400_naming_the_parameter() throws Exception {
        for (Endpoint e : endpoints()) {
            List<String[]> cases = new ArrayList<>(); // label, path and query, parameter the answer must name
            for (String p : e.pathParams()) cases.add(new String[] {"path " + p, e.fill(p), p});
            List<String> query = new ArrayList<>(e.queryParams());
            for (String extra : List.of("borrowerId", "q")) if (!query.contains(extra)) query.add(extra);
            for (String q : query) cases.add(new String[] {"query " + q, e.fill(null) + "?" + q + "=a%00b", q});
            cases.add(new String[] {"query name", e.fill(null) + "?a%00b=1", "a\\u0000b"});
            for (String[] c : cases) {
                String label = e.method() + " " + e.path() + " " + c[0];
                Answer r = request(e, c[1]);
                check(r, label);
                if (r.statusCode() != 400) {
                    failures.add(label + " → " + r.statusCode() + " " + abbreviate(r.body()));
                } else if (!fields(r.body()).contains(c[2])) {
                    failures.add(label + " does not name '" + c[2] + "': " + abbreviate(r.body()));
                }
            }
        }
        assertNoFailures();
        healthStaysUp();
    }

    /**
     * A form pair that is only {@code =} broke the built-in form reader (an index error, a 500 before the signature
     * check). Every endpoint that takes a body gets the empty-name forms: the form endpoints answer 400, the others
     * refuse the media type; none answers 5xx.
     */
    @Test
    void a_form_parameter_with_an_empty_name_is_a_400_problem_on_every_endpoint() throws Exception {
        List<String> bodies = List.of("=", "==", "=&=", "=x", "From=%2B8613800138000&=", "Body=STOP&=STOP", "&&=&&");
        int formEndpoints = 0;
        for (Endpoint e : endpoints()) {
            if (!e.hasBody()) continue;
            if (e.takesForm()) formEndpoints++;
            for (String body : bodies) {
                String label = e.method() + " " + e.path() + " form '" + body + "'";
                for (boolean signed : List.of(false, true)) {
                    String path = e.fill(null);
                    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY)
                            .method(e.method(), HttpRequest.BodyPublishers.ofString(body));
                    if (signed) request.header("X-Twilio-Signature", sign(path, Map.of()));
                    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    Answer a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
                    check(a, label);
                    if (e.takesForm() && (a.statusCode() != 400 || !a.body().contains("malformed-form"))) {
                        failures.add(label + (signed ? " signed" : "") + " → " + a.statusCode() + " " + abbreviate(a.body()));
                    }
                }
            }
        }
        assertThat(formEndpoints).as("form endpoints found (the Twilio webhooks)").isGreaterThanOrEqualTo(3);
        assertNoFailures();
        healthStaysUp();
    }

    @Test
    void a_form_with_a_nul_or_a_value_holding_an_equals_sign_is_read_as_sent() throws Exception {
        // A NUL in a form value is refused by name, like a NUL in a query.
        Answer nul = form("/webhooks/twilio/inbound", Map.of("From", "+8613800138000", "Body", "ST\0OP"), "x");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(fields(nul.body())).containsExactly("Body");
        // "a=b=c" is the value "b=c" (the old reader cut it at the second '='): the signature covers the whole value.
        Map<String, String> form = new LinkedHashMap<>(Map.of("From", "+8613700000001", "Body", "x=y=z"));
        Answer signed = form("/webhooks/twilio/inbound", form, sign("/webhooks/twilio/inbound", form));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    /**
     * Every JSON body of every endpoint, built from its OpenAPI schema with {@code a\u0000b} in each string: a 400
     * naming the field as the body is read, never the 500 of PostgreSQL refusing the NUL (a note on a hold was).
     */
    @Test
    void a_nul_in_any_string_of_any_json_body_is_a_4xx_problem_never_a_5xx() throws Exception {
        var doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        int bodies = 0;
        for (Endpoint e : endpoints()) {
            if (!e.bodyTypes().contains("application/json")) continue;
            var schema = doc.path("paths").path(e.path()).path(e.method().toLowerCase(java.util.Locale.ROOT))
                    .path("requestBody").path("content").path("application/json").path("schema");
            Object body = sample(doc, schema, 0);
            if (!(body instanceof Map<?, ?> map) || map.isEmpty()) continue;
            bodies++;
            String label = e.method() + " " + e.path() + " " + body;
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + e.fill(null).replace("{", "").replace("}", "")))
                    .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY).header("Content-Type", "application/json")
                    .method(e.method(), HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            check(a, label);
            // Refused while the body is read, before any validation could pass the NUL on (or mask it).
            if (a.statusCode() != 400 || !a.body().contains(io.tixing.api.StrictJson.NUL_MESSAGE)) {
                failures.add(label + " → " + a.statusCode() + " " + abbreviate(a.body()));
            }
        }
        assertThat(bodies).as("JSON bodies built from the document").isGreaterThanOrEqualTo(5);
        assertNoFailures();
        healthStaysUp();
    }

    /** A value for {@code schema}: strings carry a NUL, enums their first value with a NUL, objects every property. */
    private static Object sample(com.fasterxml.jackson.databind.JsonNode doc, com.fasterxml.jackson.databind.JsonNode schema, int depth) {
        if (depth > 4 || schema.isMissingNode()) return null;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return sample(doc, doc.path("components").path("schemas").path(ref), depth + 1);
        }
        if (schema.has("allOf")) return sample(doc, schema.get("allOf").get(0), depth + 1);
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> schema.has("enum") ? schema.get("enum").get(0).asText() + "\0" : "a\0b";
            case "array" -> List.of(java.util.Objects.requireNonNullElse(sample(doc, schema.path("items"), depth + 1), "a\0b"));
            case "integer", "number" -> 1;
            case "boolean" -> true;
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                schema.path("properties").fields().forEachRemaining(p -> {
                    Object value = sample(doc, p.getValue(), depth + 1);
                    if (value != null) object.put(p.getKey(), value);
                });
                yield object;
            }
        };
    }

    /** A raw NUL byte (not %-encoded) in the request line never reaches a resource, and never makes a 5xx. */
    @Test
    void a_raw_nul_byte_in_the_request_line_is_refused_without_a_5xx() throws Exception {
        for (String target : List.of("/api/v1/sandbox/messages?destination=a\0b", "/api/v1/borrowers/a\0b/consents",
                "/api/v1/contact-log?q=\0")) {
            try (var socket = new java.net.Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Fixtures.ADMIN_KEY
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                String statusLine = answer.lines().findFirst().orElse("");
                cases++;
                if (!statusLine.matches("HTTP/1\\.1 4\\d\\d.*")) failures.add("raw NUL in " + target.replace("\0", "\\0") + " → " + statusLine);
            }
        }
        assertNoFailures();
    }

    /** The fields a validation problem names. */
    private static List<String> fields(String problem) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(problem).path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    private static Answer request(Endpoint e, String pathAndQuery) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + pathAndQuery))
                .header("Authorization", "Bearer " + Fixtures.ADMIN_KEY);
        if (e.hasBody() && e.takesForm()) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(e.method(), HttpRequest.BodyPublishers.ofString("Body=x"));
        } else if (e.hasBody()) {
            request.header("Content-Type", "application/json").method(e.method(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(e.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static boolean isValidJson(byte[] body) {
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            String text = decoder.decode(java.nio.ByteBuffer.wrap(body)).toString();
            return JSON.readTree(text) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private void post(String label, byte[] body) {
        Response r = Api.as(Fixtures.ADMIN_KEY).body(body).post(REMINDERS);
        check(r, label);
        if (r.statusCode() == 202) failures.add(label + " was accepted");
    }

    private void check(Response r, String label) { check(new Answer(r.statusCode(), r.contentType(), r.asString()), label); }

    /** The rule for every answer: below 500, and every 4xx is problem+json. */
    private void check(Answer r, String label) {
        cases++;
        int status = r.statusCode();
        if (status >= 500) failures.add(label + " → " + status + " " + abbreviate(r.body()));
        else if (status >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            failures.add(label + " → " + status + " with content type '" + r.contentType() + "'");
        }
    }

    record Answer(int statusCode, String contentType, String body) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Sends bytes exactly as given, with exactly this Content-Type (REST Assured would re-encode or add a charset). */
    private static Answer raw(String path, String contentType, byte[] body, boolean authenticated) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authenticated) request.header("Authorization", "Bearer " + Fixtures.ADMIN_KEY);
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    private void assertNoFailures() {
        assertThat(failures).as("cases breaking the rule (seed " + SEED + ")").isEmpty();
    }

    private static void healthStaysUp() {
        given().get("/q/health").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private String hostileOrRandom() {
        if (random.nextBoolean()) return HOSTILE.get(random.nextInt(HOSTILE.size()));
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) s.appendCodePoint(random.nextInt(3) == 0 ? 0x4E00 + random.nextInt(2000) : 32 + random.nextInt(95));
        return s.toString();
    }

    private static String sign(String pathAndQuery, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return new TwilioSignature(FuzzProfile.TOKEN, FuzzProfile.WEBHOOK_BASE).sign(FuzzProfile.WEBHOOK_BASE + pathAndQuery, params);
    }

    /** A correctly encoded form post, as Twilio sends it, with the given signature header (none when null). */
    private static Answer form(String path, Map<String, String> form, String signature) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (signature != null) request.header("X-Twilio-Signature", signature);
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    private static int numbers = 10_000;

    private static String freshMobile() { return "+86137" + String.format("%08d", numbers++); }

    /** Sets a dotted path such as {@code borrower.flags[0]}, creating list slots as needed. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> body, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < parts.length - 1; i++) node = (Map<String, Object>) node.get(parts[i]);
        String last = parts[parts.length - 1];
        if (last.endsWith("[0]")) {
            List<Object> list = new ArrayList<>();
            list.add(value);
            node.put(last.substring(0, last.length() - 3), list);
        } else {
            node.put(last, value);
        }
    }

    private static String abbreviate(String s) { return s.length() > 300 ? s.substring(0, 300) + "…" : s; }
}
