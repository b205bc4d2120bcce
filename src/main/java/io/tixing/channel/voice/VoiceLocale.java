package io.tixing.channel.voice;

import com.twilio.twiml.voice.Say;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the robot speaks per borrower locale: the {@code <Say>} language and a voice that speaks it.
 * zh-CN: Amazon Polly Zhiyu (neural) is a Mandarin voice, language cmn-CN; zh-TW: Google cmn-TW (Taiwan Mandarin);
 * zh-HK: Google yue-HK (Cantonese); everything else: en-US with Polly Joanna (neural).
 */
public enum VoiceLocale {
    ZH_CN(Say.Language.CMN_CN, Say.Voice.POLLY_ZHIYU_NEURAL, ZoneId.of("Asia/Shanghai"),
            DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.SIMPLIFIED_CHINESE)),
    ZH_TW(Say.Language.CMN_TW, Say.Voice.GOOGLE_CMN_TW_WAVENET_A, ZoneId.of("Asia/Taipei"),
            DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.TRADITIONAL_CHINESE)),
    ZH_HK(Say.Language.YUE_HK, Say.Voice.GOOGLE_YUE_HK_STANDARD_A, ZoneId.of("Asia/Hong_Kong"),
            DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.forLanguageTag("zh-HK"))),
    EN_US(Say.Language.EN_US, Say.Voice.POLLY_JOANNA_NEURAL, ZoneId.of("America/New_York"),
            DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US));

    private final Say.Language language;
    private final Say.Voice voice;
    private final ZoneId defaultZone;
    private final DateTimeFormatter dateFormat;

    VoiceLocale(Say.Language language, Say.Voice voice, ZoneId defaultZone, DateTimeFormatter dateFormat) {
        this.language = language;
        this.voice = voice;
        this.defaultZone = defaultZone;
        this.dateFormat = dateFormat;
    }

    /**
     * zh-TW, zh-Hant-TW and bare zh-Hant → ZH_TW (Traditional text written in Mandarin reads right in cmn-TW);
     * zh-HK, zh-MO, yue → ZH_HK; other zh → ZH_CN; anything else → EN_US.
     */
    public static VoiceLocale of(String localeTag) {
        if (localeTag == null) {
            return EN_US;
        }
        Locale l = Locale.forLanguageTag(localeTag.replace('_', '-'));
        String lang = l.getLanguage();
        String region = l.getCountry();
        String script = l.getScript();
        if (lang.equals("yue")) {
            return ZH_HK;
        }
        if (!lang.equals("zh")) {
            return EN_US;
        }
        return switch (region) {
            case "TW" -> ZH_TW;
            case "HK", "MO" -> ZH_HK;
            case "CN", "SG" -> ZH_CN;
            default -> script.equals("Hant") ? ZH_TW : ZH_CN;
        };
    }

    public Say.Language language() {
        return language;
    }

    public Say.Voice voice() {
        return voice;
    }

    /** Used to turn "pay in N days" into a date when the caller gives no zone. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    public DateTimeFormatter dateFormat() {
        return dateFormat;
    }
}
