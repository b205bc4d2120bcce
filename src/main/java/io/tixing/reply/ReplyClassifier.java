package io.tixing.reply;

import io.tixing.reply.IntentRules.DayWord;
import io.tixing.reply.IntentRules.Phrase;
import io.tixing.text.Normalized;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a borrower's reply for what it asks: plain Java, deterministic, text and the borrower's local date in,
 * {@link Classified} out. Every language at once (a zh-CN borrower may answer in English).
 *
 * <ol>
 *   <li>The opt-out recognizer ({@link ReplyRecognizer}) first: its OPT_OUT (clear or ambiguous) or OPT_IN wins.</li>
 *   <li>Then each intent's phrases ({@link IntentRules}); a phrase right after a negation ("不是不还") does not count.</li>
 *   <li>A [promise] phrase counts only with a date: an ISO date, 12月5号, 下个月5号, 5号 / 十五号, "the 5th",
 *       "Dec 5", or a [days] word (明天, 周五, next friday, 月底). Explicit dates beat day words; a date before today
 *       or more than a year ahead is no date. A promise without a date is UNKNOWN (a person asks when).</li>
 *   <li>Of the intents found, the first in {@link Intent} order wins; the others are {@link Classified#alsoSaid}.</li>
 * </ol>
 */
public final class ReplyClassifier {

    private static final Comparator<Phrase> LONGEST = Comparator.comparingInt((Phrase p) -> p.matchText().length());
    private static final String CN_NUM = "[0-9]{1,2}|[一二三四五六七八九十两兩]{1,3}";
    /** 下个月5号, 12月5日, 5号, 十五號 (a number is required before 日, so 周日/星期日 are day words, not dates). */
    private static final Pattern CN_DATE = Pattern.compile("(下个月|下個月|下月|下個月)?\\s?(?:(" + CN_NUM + ")\\s?月)?\\s?(" + CN_NUM + ")\\s?(号|號|日)");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern EN_ORDINAL = Pattern.compile("\\bthe (\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern EN_MONTH_DAY = Pattern.compile(
            "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private final ReplyRecognizer optOuts;
    private final IntentRules rules;

    public ReplyClassifier(ReplyRecognizer optOuts, IntentRules rules) {
        this.optOuts = optOuts;
        this.rules = rules;
    }

    /** @param today the borrower's local date (from a Clock and the borrower's zone): promised days resolve from it */
    public Classified classify(String reply, LocalDate today) {
        Recognized optOut = optOuts.recognize(reply);
        String text = MatchText.of(reply);
        String normalized = Normalized.reply(reply);
        List<Intent> found = new ArrayList<>();
        List<String> foundRules = new ArrayList<>();
        LocalDate promised = null;
        String promiseWithoutDate = null;
        for (Intent intent : Intent.values()) {
            if (intent.section() == null) continue;
            Optional<Phrase> p = rules.of(intent).stream().filter(x -> said(text, x.matchText())).max(LONGEST);
            if (p.isEmpty()) continue;
            if (intent == Intent.PROMISE_TO_PAY) {
                Optional<Dated> date = date(normalized, text, today);
                if (date.isEmpty()) {
                    promiseWithoutDate = p.get().list() + ":" + p.get().written() + "+no date";
                    continue;
                }
                promised = date.get().date();
                found.add(intent);
                foundRules.add(p.get().list() + ":" + p.get().written() + "+date(" + date.get().written() + ")");
                continue;
            }
            found.add(intent);
            foundRules.add(p.get().list() + ":" + p.get().written());
        }
        if (optOut.intent() == ReplyIntent.OPT_OUT || optOut.intent() == ReplyIntent.OPT_IN) {
            Intent intent = optOut.intent() == ReplyIntent.OPT_OUT ? Intent.OPT_OUT : Intent.OPT_IN;
            return new Classified(intent, optOut.list() + ":" + optOut.keyword(), null, found, optOut, normalized);
        }
        if (found.isEmpty()) {
            return new Classified(Intent.UNKNOWN, promiseWithoutDate == null ? "none" : promiseWithoutDate, null, List.of(), optOut, normalized);
        }
        Intent winner = found.getFirst();
        return new Classified(winner, foundRules.getFirst(), winner == Intent.PROMISE_TO_PAY ? promised : null,
                found.subList(1, found.size()), optOut, normalized);
    }

    /** The phrase occurs somewhere not right after a negation. */
    private boolean said(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            if (!bounded(text, at, phrase)) continue;
            if (!negated(text.substring(0, at))) return true;
        }
        return false;
    }

    /** Latin edges of the phrase are word edges in the text ("ill" is not in "skill"); Chinese edges need nothing. */
    private static boolean bounded(String text, int at, String phrase) {
        int end = at + phrase.length();
        boolean startsClean = !MatchText.isWordChar(phrase.codePointAt(0)) || at == 0 || !MatchText.isWordChar(text.codePointBefore(at));
        boolean endsClean = !MatchText.isWordChar(phrase.codePointBefore(phrase.length())) || end == text.length()
                || !MatchText.isWordChar(text.codePointAt(end));
        return startsClean && endsClean;
    }

    private boolean negated(String before) {
        String b = before.stripTrailing();
        for (String n : rules.negations()) {
            if (!b.endsWith(n)) continue;
            int start = b.length() - n.length();
            if (!MatchText.isWordChar(n.codePointAt(0)) || start == 0 || !MatchText.isWordChar(b.codePointBefore(start))) return true;
        }
        return false;
    }

    private record Dated(LocalDate date, String written) {}

    /** The promised date, if the reply names one that is today or later (and within a year). */
    private Optional<Dated> date(String normalized, String text, LocalDate today) {
        Optional<Dated> explicit = explicitDate(normalized, today);
        if (explicit.isPresent()) return explicit.filter(d -> plausible(d.date(), today));
        return rules.days().stream().filter(d -> ReplyRecognizer.contains(text, d.matchText()))
                .max(Comparator.comparingInt((DayWord d) -> d.matchText().length()))
                .map(d -> new Dated(resolve(d, today), d.written()))
                .filter(d -> plausible(d.date(), today));
    }

    private static boolean plausible(LocalDate d, LocalDate today) {
        return d != null && !d.isBefore(today) && !d.isAfter(today.plusYears(1));
    }

    private static LocalDate resolve(DayWord d, LocalDate today) {
        if (d.offset() != null) return today.plusDays(d.offset());
        if (d.endOfMonth()) return today.with(TemporalAdjusters.lastDayOfMonth());
        if (d.nextWeek()) return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(d.weekday()));
        return today.with(TemporalAdjusters.nextOrSame(d.weekday()));
    }

    private static Optional<Dated> explicitDate(String s, LocalDate today) {
        Matcher m = ISO_DATE.matcher(s);
        if (m.find()) return dated(() -> LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), m.group());
        Matcher cn = CN_DATE.matcher(s);
        if (cn.find()) {
            boolean nextMonth = cn.group(1) != null;
            Integer month = cn.group(2) == null ? null : number(cn.group(2));
            Integer day = number(cn.group(3));
            if (day == null || (cn.group(2) != null && month == null)) return Optional.empty();
            return dated(() -> month != null ? monthDay(today, month, day) : dayOfMonth(today, day, nextMonth), cn.group().strip());
        }
        Matcher md = EN_MONTH_DAY.matcher(s);
        if (md.find()) {
            int month = MONTHS.indexOf(md.group(1).substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
            int day = Integer.parseInt(md.group(2));
            return dated(() -> monthDay(today, month, day), md.group());
        }
        Matcher ord = EN_ORDINAL.matcher(s);
        if (ord.find()) {
            int day = Integer.parseInt(ord.group(1));
            return dated(() -> dayOfMonth(today, day, false), ord.group());
        }
        return Optional.empty();
    }

    private interface DateMaker { LocalDate make(); }

    private static Optional<Dated> dated(DateMaker maker, String written) {
        try {
            return Optional.of(new Dated(maker.make(), written));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty(); // "32号", "13月": not a date, so not a promise with one
        }
    }

    /** Day N of this month if not past, else of next month; "下个月N号" always next month. */
    private static LocalDate dayOfMonth(LocalDate today, int day, boolean nextMonth) {
        if (day < 1 || day > 31) throw new DateTimeException("day " + day);
        LocalDate month = nextMonth ? today.plusMonths(1).withDayOfMonth(1) : today.withDayOfMonth(1);
        LocalDate d = month.withDayOfMonth(Math.min(day, month.lengthOfMonth()));
        if (!nextMonth && d.isBefore(today)) {
            LocalDate next = today.plusMonths(1).withDayOfMonth(1);
            d = next.withDayOfMonth(Math.min(day, next.lengthOfMonth()));
        }
        return d;
    }

    private static LocalDate monthDay(LocalDate today, int month, int day) {
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isBefore(today) ? d.plusYears(1) : d;
    }

    /** 5, 十五, 二十, 三十一, 两 → the number; null when it is not one. */
    static Integer number(String s) {
        if (s.chars().allMatch(Character::isDigit)) return Integer.parseInt(s);
        String digits = "零一二三四五六七八九";
        int value = 0, current = 0;
        for (char ch : s.toCharArray()) {
            if (ch == '十') {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (ch == '两' || ch == '兩') {
                current = 2;
            } else if (digits.indexOf(ch) >= 0) {
                current = digits.indexOf(ch);
            } else {
                return null;
            }
        }
        return value + current;
    }
}
