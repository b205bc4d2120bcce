package io.tixing.channel.voice;

import java.util.EnumMap;
import java.util.Map;

/**
 * The robot's fixed phrases, written by hand per locale (Simplified Chinese, Taiwan Traditional Chinese,
 * Hong Kong written Cantonese, English). None of them mentions the debt: only {@link Key#PROMISE_CONFIRMED} follows a
 * confirmed identity. {@code {name}} and {@code {date}} are filled in as plain text; {@code <Say>} escapes it.
 */
public final class VoicePrompts {

    public enum Key {
        /** Identity question; {name} is the spoken form of the name (王姓客户, 王先生或王小姐, J. S.), never the starred one. */
        IDENTITY,
        /** Neutral call-back message when the template gave no voicemail text. */
        VOICEMAIL,
        /** Callee is not the borrower (or did not confirm). */
        NOT_IDENTIFIED,
        MENU,
        PROMISE_DATE,
        /** {date} is the promised date. */
        PROMISE_CONFIRMED,
        PROMISE_DATE_INVALID,
        HARDSHIP,
        AGENT,
        AGENT_UNAVAILABLE,
        OPT_OUT,
        INVALID_CHOICE,
        GOODBYE
    }

    private static final Map<VoiceLocale, Map<Key, String>> PROMPTS = new EnumMap<>(VoiceLocale.class);

    static {
        put(VoiceLocale.ZH_CN, Map.ofEntries(
                Map.entry(Key.IDENTITY, "您好，请问您是{name}本人吗？是本人请按1，不是请按2。"),
                Map.entry(Key.VOICEMAIL, "您好，这里是客户服务中心，有事需要与机主本人联系，请您方便时回电。谢谢，再见。"),
                Map.entry(Key.NOT_IDENTIFIED, "抱歉打扰您了，祝您生活愉快，再见。"),
                Map.entry(Key.MENU, "如您计划还款，请按1；如需申请分期或困难帮助，请按2；转人工客服请按0；如不希望再接到语音来电，请按9。"),
                Map.entry(Key.PROMISE_DATE, "请输入您计划还款的日期，例如2026年11月30日请输入20261130；也可以输入几天内还款的天数。输入完毕请按井号键。"),
                Map.entry(Key.PROMISE_CONFIRMED, "好的，已记录您承诺在{date}前还款。感谢您的配合，再见。"),
                Map.entry(Key.PROMISE_DATE_INVALID, "抱歉，没有识别到有效的日期。"),
                Map.entry(Key.HARDSHIP, "好的，已记录您的分期或困难帮助申请，专员会尽快与您联系。再见。"),
                Map.entry(Key.AGENT, "正在为您转接人工客服，请稍候。"),
                Map.entry(Key.AGENT_UNAVAILABLE, "抱歉，人工客服暂时无法接通，我们会尽快给您回电。再见。"),
                Map.entry(Key.OPT_OUT, "好的，今后将不再通过语音电话联系您。再见。"),
                Map.entry(Key.INVALID_CHOICE, "抱歉，您的输入无效。"),
                Map.entry(Key.GOODBYE, "感谢您的接听，再见。")));
        put(VoiceLocale.ZH_TW, Map.ofEntries(
                Map.entry(Key.IDENTITY, "您好，請問您是{name}本人嗎？是本人請按1，不是請按2。"),
                Map.entry(Key.VOICEMAIL, "您好，這裡是客服中心，有事需要與本人聯繫，請您方便時回電。謝謝，再見。"),
                Map.entry(Key.NOT_IDENTIFIED, "抱歉打擾您了，祝您順心，再見。"),
                Map.entry(Key.MENU, "如您預計還款，請按1；如需申請分期或困難協助，請按2；轉接專人服務請按0；如不希望再接到語音來電，請按9。"),
                Map.entry(Key.PROMISE_DATE, "請輸入您預計還款的日期，例如2026年11月30日請輸入20261130；也可以輸入幾天內還款的天數。輸入完畢請按井字鍵。"),
                Map.entry(Key.PROMISE_CONFIRMED, "好的，已記錄您承諾在{date}前還款。感謝您的配合，再見。"),
                Map.entry(Key.PROMISE_DATE_INVALID, "抱歉，無法辨識有效的日期。"),
                Map.entry(Key.HARDSHIP, "好的，已記錄您的分期或困難協助申請，專員會盡快與您聯繫。再見。"),
                Map.entry(Key.AGENT, "正在為您轉接專人服務，請稍候。"),
                Map.entry(Key.AGENT_UNAVAILABLE, "抱歉，專人服務暫時無法接通，我們會盡快回電給您。再見。"),
                Map.entry(Key.OPT_OUT, "好的，之後將不再以語音電話與您聯繫。再見。"),
                Map.entry(Key.INVALID_CHOICE, "抱歉，您輸入的選項無效。"),
                Map.entry(Key.GOODBYE, "感謝您的接聽，再見。")));
        put(VoiceLocale.ZH_HK, Map.ofEntries(
                Map.entry(Key.IDENTITY, "你好，請問你係咪{name}本人？係本人請按1，唔係請按2。"),
                Map.entry(Key.VOICEMAIL, "你好，呢度係客戶服務中心，有事需要同本人聯絡，請你方便嘅時候回電。多謝，再見。"),
                Map.entry(Key.NOT_IDENTIFIED, "唔好意思打擾你，再見。"),
                Map.entry(Key.MENU, "如果你打算還款，請按1；如果需要申請分期或者困難援助，請按2；轉駁客戶服務主任請按0；如果唔想再收到語音來電，請按9。"),
                Map.entry(Key.PROMISE_DATE, "請輸入你打算還款嘅日期，例如2026年11月30日請輸入20261130；亦可以輸入幾多日內還款。輸入完請按井字鍵。"),
                Map.entry(Key.PROMISE_CONFIRMED, "好，已經記錄你承諾喺{date}之前還款。多謝你嘅配合，再見。"),
                Map.entry(Key.PROMISE_DATE_INVALID, "唔好意思，未能識別有效嘅日期。"),
                Map.entry(Key.HARDSHIP, "好，已經記錄你嘅分期或者困難援助申請，專員會盡快同你聯絡。再見。"),
                Map.entry(Key.AGENT, "而家同你轉駁客戶服務主任，請稍候。"),
                Map.entry(Key.AGENT_UNAVAILABLE, "唔好意思，客戶服務主任暫時未能接聽，我哋會盡快覆電俾你。再見。"),
                Map.entry(Key.OPT_OUT, "好，之後唔會再用語音電話聯絡你。再見。"),
                Map.entry(Key.INVALID_CHOICE, "唔好意思，你輸入嘅選項無效。"),
                Map.entry(Key.GOODBYE, "多謝你接聽，再見。")));
        put(VoiceLocale.EN_US, Map.ofEntries(
                Map.entry(Key.IDENTITY, "Hello. If you are {name}, please press 1. If not, please press 2."),
                Map.entry(Key.VOICEMAIL, "Hello, this is customer service with a message for the account holder. Please call us back at your convenience. Thank you, goodbye."),
                Map.entry(Key.NOT_IDENTIFIED, "Sorry to have bothered you. Goodbye."),
                Map.entry(Key.MENU, "To promise a payment, press 1. To ask about an instalment plan or hardship help, press 2. To speak to an agent, press 0. To stop these voice calls, press 9."),
                Map.entry(Key.PROMISE_DATE, "Please enter the date you plan to pay as eight digits, year, month and day, for example 2 0 2 6 1 1 3 0, or the number of days from today, then press the pound key."),
                Map.entry(Key.PROMISE_CONFIRMED, "Thank you. We have recorded your promise to pay by {date}. Goodbye."),
                Map.entry(Key.PROMISE_DATE_INVALID, "Sorry, that was not a valid date."),
                Map.entry(Key.HARDSHIP, "Thank you. We have recorded your request for an instalment plan or hardship help, and a specialist will contact you soon. Goodbye."),
                Map.entry(Key.AGENT, "Please hold while we transfer you to an agent."),
                Map.entry(Key.AGENT_UNAVAILABLE, "Sorry, no agent is available right now. We will call you back soon. Goodbye."),
                Map.entry(Key.OPT_OUT, "Thank you. You will not receive any more voice calls from us. Goodbye."),
                Map.entry(Key.INVALID_CHOICE, "Sorry, that is not a valid choice."),
                Map.entry(Key.GOODBYE, "Thank you for your time. Goodbye.")));
    }

    private VoicePrompts() {
    }

    private static void put(VoiceLocale locale, Map<Key, String> prompts) {
        if (!prompts.keySet().containsAll(java.util.EnumSet.allOf(Key.class))) {
            throw new IllegalStateException("missing voice prompts for " + locale);
        }
        PROMPTS.put(locale, prompts);
    }

    public static String get(VoiceLocale locale, Key key) {
        return PROMPTS.get(locale).get(key);
    }
}
