package io.tixing.contactlog;

import java.util.Locale;
import java.util.Map;

/**
 * Reason codes, decisions and entry kinds in words for compliance staff, in zh-CN and en-US.
 * Unknown codes fall back to the code itself, so a new reason never hides behind an empty cell.
 */
public record ReasonTexts(Map<String, String> reasons, Map<String, String> decisions, Map<String, String> kinds) {

    private static final ReasonTexts ZH = new ReasonTexts(Map.ofEntries(
            Map.entry("QUIET_HOURS", "借款人当地时间不在允许联系的时段内"),
            Map.entry("NO_COMMON_WINDOW", "借款人所有已知时区的允许时段没有交集"),
            Map.entry("HOLIDAY", "节假日停发日"),
            Map.entry("CAP_SMS_DAILY", "已达每日短信上限"),
            Map.entry("CAP_EMAIL_DAILY", "已达每日邮件上限"),
            Map.entry("CAP_TOTAL_DAILY", "已达每日联系总上限"),
            Map.entry("CAP_VOICE_CONVERSATIONS", "已达语音通话次数上限"),
            Map.entry("CAP_VOICE_ATTEMPTS", "已达拨号次数上限"),
            Map.entry("COOLDOWN_AFTER_CONVERSATION", "通话后冷静期内"),
            Map.entry("DUPLICATE", "重复提醒"),
            Map.entry("OPTED_OUT", "借款人已退订该渠道"),
            Map.entry("HOLD_CEASE", "借款人要求停止联系"),
            Map.entry("HOLD_DISPUTE", "存在争议，暂停联系"),
            Map.entry("HOLD_BANKRUPTCY", "破产，暂停联系"),
            Map.entry("HOLD_DECEASED", "借款人已故"),
            Map.entry("THIRD_PARTY", "收件人不是借款人本人（第三方）"),
            Map.entry("CHANNEL_NOT_ACCESSIBLE", "该渠道对借款人不适用（无障碍）"),
            Map.entry("CONTACT_POINT_INVALID", "联系方式无效"),
            Map.entry("CONTENT_BLOCKED", "消息内容未通过合规检查"),
            Map.entry("ZONE_ASSUMED", "时区为推定值"),
            Map.entry("NOT_AFTER_PASSED", "已超过最晚发送时间")),
            Map.of("ALLOW", "允许发送", "DEFER", "延后发送", "SUPPRESS", "禁止发送", "EXPIRED", "已过期"),
            Map.of("REQUEST", "提醒请求", "DECISION", "合规决定", "ATTEMPT", "发送尝试", "STATUS", "送达状态",
                    "INBOUND", "借款人回复", "CONSENT", "退订/暂停", "LIFECYCLE", "提醒状态变化", "AUDIT", "审计记录"));

    private static final ReasonTexts EN = new ReasonTexts(Map.ofEntries(
            Map.entry("QUIET_HOURS", "Outside the allowed contact hours in the borrower's local time"),
            Map.entry("NO_COMMON_WINDOW", "The allowed hours of the borrower's known time zones never overlap"),
            Map.entry("HOLIDAY", "Holiday blackout day"),
            Map.entry("CAP_SMS_DAILY", "Daily SMS limit reached"),
            Map.entry("CAP_EMAIL_DAILY", "Daily email limit reached"),
            Map.entry("CAP_TOTAL_DAILY", "Daily contact limit reached"),
            Map.entry("CAP_VOICE_CONVERSATIONS", "Voice conversation limit reached"),
            Map.entry("CAP_VOICE_ATTEMPTS", "Dial attempt limit reached"),
            Map.entry("COOLDOWN_AFTER_CONVERSATION", "Cool-down after a conversation"),
            Map.entry("DUPLICATE", "Duplicate reminder"),
            Map.entry("OPTED_OUT", "Borrower opted out of this channel"),
            Map.entry("HOLD_CEASE", "Borrower asked to cease contact"),
            Map.entry("HOLD_DISPUTE", "Debt under dispute"),
            Map.entry("HOLD_BANKRUPTCY", "Bankruptcy hold"),
            Map.entry("HOLD_DECEASED", "Borrower deceased"),
            Map.entry("THIRD_PARTY", "Recipient is not the borrower (third party)"),
            Map.entry("CHANNEL_NOT_ACCESSIBLE", "Channel not accessible for this borrower"),
            Map.entry("CONTACT_POINT_INVALID", "Contact point is invalid"),
            Map.entry("CONTENT_BLOCKED", "Message content failed the compliance lint"),
            Map.entry("ZONE_ASSUMED", "Time zone was assumed"),
            Map.entry("NOT_AFTER_PASSED", "Past the request's latest send time")),
            Map.of("ALLOW", "Allowed", "DEFER", "Deferred", "SUPPRESS", "Suppressed", "EXPIRED", "Expired"),
            Map.of("REQUEST", "Reminder request", "DECISION", "Policy decision", "ATTEMPT", "Send attempt", "STATUS", "Delivery status",
                    "INBOUND", "Borrower reply", "CONSENT", "Opt-out / hold", "LIFECYCLE", "Reminder lifecycle", "AUDIT", "Audit record"));

    /** {@code lang=} wins; else the first Accept-Language tag; Chinese variants read zh-CN, everything else en-US. */
    public static String language(String lang, String acceptLanguage) {
        String tag = lang != null && !lang.isBlank() ? lang : acceptLanguage;
        if (tag == null || tag.isBlank()) return "en-US";
        return tag.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en-US";
    }

    public static ReasonTexts forLanguage(String language) { return "zh-CN".equals(language) ? ZH : EN; }

    public String reason(String code) { return reasons.getOrDefault(code, code); }

    public String decision(String code) { return code == null ? null : decisions.getOrDefault(code, code); }

    public String kind(String code) { return kinds.getOrDefault(code, code); }

    public Map<String, Map<String, String>> all() { return Map.of("reasons", reasons, "decisions", decisions, "kinds", kinds); }
}
