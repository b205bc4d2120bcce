package io.tixing.template;

import io.tixing.policy.ChannelType;

import java.util.List;
import java.util.Map;

/**
 * A message ready to send.
 *
 * @param templateVersion  hash of the template folder's files: which version was sent
 * @param locale           the locale actually rendered
 * @param localeFallback   true when {@code locale} differs from the requested one (recorded in the contact log)
 * @param text             SMS body, voice script, or the plain-text email part
 * @param subject          email subject, else null
 * @param html             email HTML part, else null
 * @param smsEncoding      GSM-7 or UCS-2 for SMS, else null
 * @param segments         SMS segment count, else 0
 * @param contentHash      SHA-256 (hex) of subject + text + html as sent
 * @param values           the formatted values the template saw (name already masked, amount formatted), for SMS
 *                         providers that compose the text from a pre-approved template and its parameters
 */
public record RenderedMessage(String templateKey, String templateVersion, ChannelType channel, String requestedLocale,
                              String locale, boolean localeFallback, String text, String subject, String html,
                              String smsEncoding, int segments, List<LintFinding> warnings, String contentHash,
                              Map<String, String> values) {

    public RenderedMessage {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public RenderedMessage(String templateKey, String templateVersion, ChannelType channel, String requestedLocale,
                           String locale, boolean localeFallback, String text, String subject, String html,
                           String smsEncoding, int segments, List<LintFinding> warnings, String contentHash) {
        this(templateKey, templateVersion, channel, requestedLocale, locale, localeFallback, text, subject, html,
                smsEncoding, segments, warnings, contentHash, Map.of());
    }
}
