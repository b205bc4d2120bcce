package io.tixing.template;

import java.util.List;

/**
 * What {@code POST /api/v1/templates/{key}/preview} shows: the message as it would be sent (never
 * blocked — hard-block findings are listed instead), its SMS cost and the template version.
 *
 * @param subject        email only, else null
 * @param html           email only, else null
 * @param smsEncoding    SMS only (GSM-7 or UCS-2), else null
 * @param segments       SMS only, else 0
 * @param locale         the locale actually rendered
 * @param localeFallback true when {@code locale} is not the requested one
 */
public record Preview(String text, String subject, String html, String smsEncoding, int segments,
                      List<LintFinding> findings, String version, String locale, boolean localeFallback,
                      String templateKey) {}
