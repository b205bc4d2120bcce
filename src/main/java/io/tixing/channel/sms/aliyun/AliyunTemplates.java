package io.tixing.channel.sms.aliyun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the template-code mapping against our template catalog at start-up: every mapped template must have an SMS
 * text for that locale, and every provider parameter must be filled from a variable that text interpolates
 * ({@code ${name}}). A mapping that would send a parameter our text never shows is refused, naming it: the provider's
 * approved text and ours would differ, and ours is the record of what was sent.
 */
public final class AliyunTemplates {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AliyunTemplates() {
    }

    /**
     * @param mapping   template key → locale → (code, provider param → our variable)
     * @param catalog   the template folder (tixing.templates.dir)
     * @return the mapping keyed "templateKey/locale"
     * @throws IllegalStateException listing every problem
     */
    public static Map<String, AliyunSettings.TemplateCode> validated(Map<String, Map<String, AliyunSettings.TemplateCode>> mapping, Path catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, AliyunSettings.TemplateCode> out = new LinkedHashMap<>();
        mapping.forEach((key, byLocale) -> byLocale.forEach((locale, code) -> {
            String where = "tixing.aliyun-sms.templates." + key + "." + locale;
            if (code.code().isBlank()) problems.add(where + ".code is empty");
            Path sms = catalog.resolve(key).resolve("sms." + locale + ".ftl");
            if (!Files.isRegularFile(sms)) {
                problems.add(where + ": template " + key + " has no SMS text for " + locale + " (" + sms + ")");
                return;
            }
            Set<String> provided = variables(sms);
            code.params().forEach((param, variable) -> {
                if (!PARAM.matcher(param).matches()) problems.add(where + ".params." + param + ": not a valid parameter name");
                if (!provided.contains(variable)) {
                    problems.add(where + ".params." + param + "=" + variable + ": template " + key + " (" + locale
                            + ") does not provide " + variable + "; it provides " + provided);
                }
            });
            out.put(AliyunSettings.key(key, locale), code);
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Alibaba Cloud SMS template mapping refused:\n  " + String.join("\n  ", problems));
        }
        return out;
    }

    static Set<String> variables(Path ftl) {
        try {
            Set<String> names = new TreeSet<>();
            Matcher m = INTERPOLATION.matcher(Files.readString(ftl, StandardCharsets.UTF_8));
            while (m.find()) names.add(m.group(1));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ftl + ": " + e.getMessage(), e);
        }
    }
}
