package io.tixing.channel.twilio;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tixing.support.HeldAnswers;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Makes {@link FakeTwilio} keep the messages it is sent, as Twilio does: POST Messages.json creates one (also when
 * the answer is late), GET Messages.json?To=… lists them newest first, without the StatusCallback (Twilio's list
 * does not show it either).
 */
public final class TwilioMessageStore implements ResponseDefinitionTransformerV2 {

    static final String NAME = "twilio-messages";

    public record Created(String sid, String to, String body, String statusCallback, ZonedDateTime at) {
        /** The attempt id our StatusCallback URL carries, or null. */
        public String attemptId() {
            int at = statusCallback == null ? -1 : statusCallback.indexOf("attemptId=");
            return at < 0 ? null : statusCallback.substring(at + "attemptId=".length());
        }
    }

    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    volatile Duration delay = Duration.ZERO;
    volatile boolean listFails = false;
    /** Message creations' answers, held back on request (the message exists first, as at Twilio). */
    public final HeldAnswers held = new HeldAnswers();

    @Override
    public String getName() { return NAME; }

    @Override
    public boolean applyGlobally() { return false; }

    public List<Created> created() { return List.copyOf(created); }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        if (request.getMethod().getName().equals("POST")) {
            var form = FakeTwilio.form(request);
            String sid = "SM%032x".formatted(ids.incrementAndGet());
            Created c = new Created(sid, first(form.get("To")), first(form.get("Body")), first(form.get("StatusCallback")), ZonedDateTime.now(ZoneOffset.UTC));
            created.add(c);
            held.await(c.attemptId() == null ? sid : c.attemptId());
            return json(201, message(c), delay);
        }
        if (listFails) return json(500, "{\"code\":20500,\"message\":\"fake failure\",\"status\":500}", Duration.ZERO);
        var to = request.queryParameter("To");
        List<Created> matching = new ArrayList<>(created.stream().filter(c -> !to.isPresent() || to.firstValue().equals(c.to())).toList());
        matching.sort(Comparator.comparing(Created::at).reversed());
        String uri = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT + "/Messages.json";
        return json(200, "{\"messages\":[" + matching.stream().map(TwilioMessageStore::message).collect(Collectors.joining(","))
                + "],\"end\":" + Math.max(0, matching.size() - 1) + ",\"first_page_uri\":\"" + uri + "?PageSize=50&Page=0\",\"next_page_uri\":null,"
                + "\"page\":0,\"page_size\":50,\"previous_page_uri\":null,\"start\":0,\"uri\":\"" + uri + "\"}", Duration.ZERO);
    }

    private static String message(Created c) {
        String at = c.at().format(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US));
        return "{\"sid\":\"" + c.sid() + "\",\"account_sid\":\"" + FakeTwilio.ACCOUNT + "\",\"to\":\"" + c.to() + "\",\"body\":\""
                + (c.body() == null ? "" : c.body().replace("\"", "\\\"")) + "\",\"status\":\"queued\",\"direction\":\"outbound-api\","
                + "\"date_created\":\"" + at + "\",\"date_updated\":\"" + at + "\",\"date_sent\":null,\"api_version\":\"2010-04-01\"}";
    }

    private static String first(List<String> values) { return values == null || values.isEmpty() ? null : values.getFirst(); }

    private static ResponseDefinition json(int status, String body, Duration delay) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).withFixedDelay((int) delay.toMillis()).build();
    }
}
