package io.tixing.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tables a class writes, read from its SQL: every string constant of the class file (text blocks and string
 * concatenation recipes are UTF-8 constants too), searched for INSERT INTO / UPDATE / DELETE FROM a table. Reads the
 * class file itself (from the class's source URI), since ArchUnit does not model constant-pool strings.
 */
final class SqlWrites {

    private SqlWrites() {}

    static ArchCondition<JavaClass> notWrite(String table) {
        Pattern write = writeOf(table);
        return new ArchCondition<>("not write table " + table) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Set<String> statements = new LinkedHashSet<>(); // a folded constant repeats the statement: report it once
                for (String constant : utf8Constants(c)) {
                    Matcher m = write.matcher(constant);
                    if (m.find()) statements.add(excerpt(constant, m.start()));
                }
                statements.forEach(sql -> events.add(SimpleConditionEvent.violated(c, c.getName() + " writes " + table + ": \"" + sql + "\"")));
            }
        };
    }

    static ArchCondition<JavaClass> write(String... tables) {
        return new ArchCondition<>("write one of " + String.join(", ", tables)) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean writes = false;
                for (String table : tables) {
                    Pattern write = writeOf(table);
                    writes |= utf8Constants(c).stream().anyMatch(s -> write.matcher(s).find());
                }
                events.add(new SimpleConditionEvent(c, writes, c.getName() + (writes ? " writes " : " does not write ") + String.join("/", tables)));
            }
        };
    }

    private static Pattern writeOf(String table) {
        return Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+" + Pattern.quote(table) + "\\b");
    }

    private static String excerpt(String s, int from) {
        String one = s.substring(from).replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }

    /** The CONSTANT_Utf8 entries of the class file's constant pool (JVMS 4.4). */
    static List<String> utf8Constants(JavaClass c) {
        var source = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + c.getName()));
        byte[] bytes;
        try (InputStream in = source.getUri().toURL().openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != 0xCAFEBABE) throw new IllegalStateException(c.getName() + ": not a class file");
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());                 // Utf8 (modified UTF-8, u2 length: what readUTF reads)
                    case 3, 4 -> in.skipNBytes(4);                   // Integer, Float
                    case 5, 6 -> { in.skipNBytes(8); i++; }          // Long, Double take two slots
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);       // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);  // refs, NameAndType, Dynamic, InvokeDynamic
                    case 15 -> in.skipNBytes(3);                     // MethodHandle
                    default -> throw new IllegalStateException(c.getName() + ": unknown constant pool tag " + tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
