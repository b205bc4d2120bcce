package io.tixing.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.stream.Stream;

/** The shipped catalog, a writable copy of it, and a borrower per locale. */
final class CatalogFixture {

    static final Path SHIPPED = Path.of("templates");

    private CatalogFixture() {}

    static TemplateCatalog shipped() {
        return TemplateCatalog.load(SHIPPED);
    }

    static Path copyOfShippedCatalogIn(Path target) {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(SHIPPED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replace(Path file, String from, String to) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (!content.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(file, content.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A borrower of the locale's market, with its currency; what the formatted amount must look like is in {@link #expectedAmount}. */
    static MessageData borrowerOf(String locale, int daysOverdue) {
        LocalDate due = LocalDate.of(2026, 11, 20);
        return switch (locale) {
            case "zh-CN" -> new MessageData("王小明", "示例银行", "个人消费贷", new BigDecimal("1234.50"), "CNY", due, daysOverdue, "95555", "L-77");
            case "zh-TW" -> new MessageData("林美玲", "示範銀行", "信用貸款", new BigDecimal("12345.60"), "TWD", due, daysOverdue, "0800-000-123", "L-78");
            case "zh-HK" -> new MessageData("陳大文", "示範銀行", "私人貸款", new BigDecimal("1234.5"), "HKD", due, daysOverdue, "2123 4567", "L-79");
            default -> new MessageData("John Smith", "Example Bank", "Personal Loan", new BigDecimal("1234.50"), "USD", due, daysOverdue, "1-800-555-0100", "L-80");
        };
    }

    static String expectedAmount(String locale) {
        return switch (locale) {
            case "zh-CN" -> "¥1,234.50";
            case "zh-TW" -> "NT$12,346";
            case "zh-HK" -> "HK$1,234.50";
            default -> "$1,234.50";
        };
    }

    static String expectedDate(String locale) {
        return locale.startsWith("zh") ? "2026年11月20日" : "Nov 20, 2026";
    }

    static String expectedSmsOptOut(String locale) {
        return switch (locale) {
            case "zh-CN" -> "回复TD退订";
            case "zh-TW", "zh-HK" -> "回覆TD取消";
            default -> "Reply STOP to opt out";
        };
    }

    static String packOf(String locale) {
        return switch (locale) {
            case "zh-CN" -> "CN";
            case "zh-TW" -> "TW";
            case "zh-HK" -> "HK";
            default -> "US";
        };
    }
}
