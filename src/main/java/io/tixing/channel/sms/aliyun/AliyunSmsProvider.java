package io.tixing.channel.sms.aliyun;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.sms.SmsProvider;
import io.tixing.channel.twilio.Backoff;
import io.tixing.template.RenderedMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Live SMS through Alibaba Cloud SMS (dysmsapi 2017-05-25) with the official Tea SDK. The provider composes the text
 * itself from an approved template code and its parameters; the parameters are the very values our template rendered
 * (its text stays the record of what was sent, and is what the contact log hashes). {@code OutId} is our attempt id:
 * receipts, the report callback and the lookup after a crash all find the attempt by it. Provider ids are
 * {@code aliyun:<BizId>} (or {@code aliyun:out-<attempt id>} when found by lookup, which does not return the BizId).
 * The SDK's own retries are off: a resend after a request may have arrived could reach the borrower twice.
 */
public final class AliyunSmsProvider implements SmsProvider {

    public static final String NAME = "aliyun";
    public static final String ID_PREFIX = "aliyun:";
    /** Send dates and report times are Beijing time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter PROVIDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    private final AliyunSettings settings;
    private final Backoff backoff;

    public AliyunSmsProvider(AliyunSettings settings, Backoff backoff) {
        this.settings = Objects.requireNonNull(settings);
        this.backoff = Objects.requireNonNull(backoff);
        try {
            this.client = new Client(new Config().setAccessKeyId(settings.accessKeyId()).setAccessKeySecret(settings.accessKeySecret())
                    .setEndpoint(settings.endpoint()).setProtocol(settings.protocol()).setRegionId(settings.region())
                    .setConnectTimeout((int) settings.connectTimeout().toMillis()).setReadTimeout((int) settings.readTimeout().toMillis()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Alibaba Cloud SMS client: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Answer attempt(OutboundMessage message) {
        RenderedMessage rendered = message.message();
        AliyunSettings.TemplateCode template = settings.templates().get(AliyunSettings.key(rendered.templateKey(), rendered.locale()));
        if (template == null) {
            return Answer.cannotCarry(new SendResult.Rejected(Failure.PERMANENT, "NO_TEMPLATE_CODE", "no approved Alibaba Cloud template for "
                    + AliyunSettings.key(rendered.templateKey(), rendered.locale()) + " (tixing.aliyun-sms.templates)"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (var p : template.params().entrySet()) {
            String value = rendered.values().get(p.getValue());
            if (value == null) {
                return Answer.cannotCarry(new SendResult.Rejected(Failure.PERMANENT, "TEMPLATE_PARAM_MISSING",
                        "the rendered message has no value for " + p.getValue() + " (Alibaba Cloud parameter " + p.getKey() + ")"));
            }
            params.put(p.getKey(), value);
        }
        SendSmsRequest request;
        try {
            request = new SendSmsRequest().setPhoneNumbers(number(message.destination())).setSignName(settings.signName())
                    .setTemplateCode(template.code()).setTemplateParam(JSON.writeValueAsString(params))
                    .setOutId(message.attemptId().toString());
        } catch (JsonProcessingException e) {
            return Answer.of(new SendResult.Rejected(Failure.PERMANENT, "TEMPLATE_PARAM", e.getOriginalMessage()));
        }
        try {
            SendSmsResponse response = client.sendSmsWithOptions(request, runtime());
            var body = response.getBody();
            if (body != null && "OK".equalsIgnoreCase(body.getCode())) {
                return Answer.of(new SendResult.Accepted(ID_PREFIX + body.getBizId(), "accepted"));
            }
            return AliyunErrors.code(body == null ? null : body.getCode(), body == null ? null : body.getMessage(), response.getStatusCode(), backoff);
        } catch (Exception e) {
            return AliyunErrors.exception(e, backoff);
        }
    }

    /** What the provider reports about one of our attempts. */
    public record Detail(String status, String errorCode, Instant at) {}

    @Override
    public ProviderLookup lookup(UUID attemptId, String destination, Instant sentAt) {
        try {
            Optional<Detail> found = detail(attemptId, destination, sentAt);
            return found.<ProviderLookup>map(d -> new ProviderLookup.Found(ID_PREFIX + "out-" + attemptId, d.status()))
                    .orElseGet(ProviderLookup.NotFound::new);
        } catch (LookupFailed e) {
            return new ProviderLookup.Unknown("Alibaba Cloud QuerySendDetails failed: " + e.getMessage());
        }
    }

    /**
     * The provider's record of the attempt (matched by OutId among the messages to this number on the send date,
     * Beijing time, and the day after when the send was near midnight). Status: sent (waiting for the carrier's
     * receipt), delivered or undelivered.
     *
     * @throws LookupFailed when the provider could not be asked (never means "not there")
     */
    public Optional<Detail> detail(UUID attemptId, String destination, Instant sentAt) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        dates.add(LocalDate.ofInstant(sentAt.minus(Duration.ofMinutes(5)), CHINA));
        dates.add(LocalDate.ofInstant(sentAt.plus(Duration.ofMinutes(5)), CHINA));
        String out = attemptId.toString();
        for (LocalDate date : dates) {
            for (var d : details(destination, date)) {
                if (out.equals(d.getOutId())) {
                    String status = switch (d.getSendStatus() == null ? 1 : d.getSendStatus().intValue()) {
                        case 3 -> "delivered";
                        case 2 -> "undelivered";
                        default -> "sent";
                    };
                    String err = d.getErrCode() == null || d.getErrCode().isBlank() || d.getErrCode().equals("DELIVERED") ? null : d.getErrCode();
                    return Optional.of(new Detail(status, err, time(d.getReceiveDate())));
                }
            }
        }
        return Optional.empty();
    }

    private List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> details(String destination, LocalDate date) {
        List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> all = new ArrayList<>();
        for (long page = 1; ; page++) {
            QuerySendDetailsResponseBody body;
            try {
                body = client.querySendDetailsWithOptions(new QuerySendDetailsRequest().setPhoneNumber(number(destination))
                        .setSendDate(date.format(SEND_DATE)).setPageSize(PAGE).setCurrentPage(page), runtime()).getBody();
            } catch (Exception e) {
                throw new LookupFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
            if (body == null || !"OK".equalsIgnoreCase(body.getCode())) {
                throw new LookupFailed(body == null ? "empty answer" : body.getCode() + " " + body.getMessage(), null);
            }
            var list = body.getSmsSendDetailDTOs() == null || body.getSmsSendDetailDTOs().getSmsSendDetailDTO() == null
                    ? List.<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO>of() : body.getSmsSendDetailDTOs().getSmsSendDetailDTO();
            all.addAll(list);
            long total = parse(body.getTotalCount(), all.size());
            if (list.size() < PAGE || all.size() >= total) return all;
        }
    }

    /** The lookup could not be made: the answer is "cannot tell", never "not there". */
    public static final class LookupFailed extends RuntimeException {
        LookupFailed(String message, Throwable cause) { super(message, cause); }
    }

    private RuntimeOptions runtime() {
        RuntimeOptions options = new RuntimeOptions();
        options.autoretry = false;
        options.maxAttempts = 1;
        options.connectTimeout = (int) settings.connectTimeout().toMillis();
        options.readTimeout = (int) settings.readTimeout().toMillis();
        return options;
    }

    /** Mainland numbers go as their 11 digits; other numbers as country code + number without "+" (international SMS). */
    static String number(String e164) {
        String digits = e164 == null ? "" : e164.strip();
        if (digits.startsWith("+86")) return digits.substring(3);
        return digits.startsWith("+") ? digits.substring(1) : digits;
    }

    /** Back to E.164 from what the provider reports (11 mainland digits, or country code + number). */
    public static String e164(String providerNumber) {
        if (providerNumber == null) return null;
        String n = providerNumber.strip();
        if (n.startsWith("+")) return n;
        if (n.startsWith("0086")) return "+" + n.substring(2);
        if (n.length() == 11 && n.startsWith("1")) return "+86" + n;
        return "+" + n;
    }

    /** A provider time ({@code yyyy-MM-dd HH:mm:ss}, Beijing time), or null. */
    public static Instant time(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDateTime.parse(value.strip(), PROVIDER_TIME).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long parse(String n, long otherwise) {
        try {
            return n == null ? otherwise : Long.parseLong(n.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
