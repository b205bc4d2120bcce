package io.tixing.channel.sms.aliyun;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Alibaba Cloud SMS adapter needs, as plain values (filled from {@code tixing.aliyun-sms.*}).
 *
 * @param templates "templateKey/locale" → the approved template code and its parameters
 */
public record AliyunSettings(String accessKeyId, String accessKeySecret, String endpoint, String protocol, String region,
                             String signName, Duration connectTimeout, Duration readTimeout, Map<String, TemplateCode> templates) {

    /**
     * @param params provider parameter name → our template variable
     */
    public record TemplateCode(String code, Map<String, String> params) {
        public TemplateCode {
            Objects.requireNonNull(code, "code");
            params = Map.copyOf(params);
        }
    }

    public AliyunSettings {
        templates = Map.copyOf(templates);
    }

    public static String key(String templateKey, String locale) { return templateKey + "/" + locale; }

    @Override
    public String toString() { // never print the secret
        return "AliyunSettings[accessKeyId=" + accessKeyId + ", endpoint=" + endpoint + ", protocol=" + protocol + ", region=" + region
                + ", signName=" + signName + ", templates=" + templates.keySet() + ", accessKeySecret=***]";
    }
}
