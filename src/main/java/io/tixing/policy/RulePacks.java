package io.tixing.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rule packs shipped as {@code classpath:rulepacks/*.yaml}, tightened by operator overrides.
 * Loading fails (IllegalArgumentException) on an unknown key or an override that loosens a floor, so a bad
 * configuration stops start-up instead of sending unlawfully.
 */
public final class RulePacks {

    private static final String FOLDER = "rulepacks";
    /** Shipped packs, read even where the class loader cannot list a folder. */
    private static final List<String> BUILT_IN = List.of("CN", "HK", "TW", "US");
    /** The jurisdictions a request or a preview may name: one shipped pack each. */
    public static final Set<String> JURISDICTIONS = Collections.unmodifiableSet(new LinkedHashSet<>(BUILT_IN));

    private final Map<String, RulePack> packs;
    private final RulePack strictest;

    private RulePacks(Map<String, RulePack> packs) {
        this.packs = Collections.unmodifiableMap(new LinkedHashMap<>(packs));
        this.strictest = combineStrictest(packs.values());
    }

    /** Loads every pack and applies {@code overrides} ("CN.caps.sms-daily" → "2"); only tightening is accepted. */
    public static RulePacks load(Map<String, String> overrides) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) loader = RulePacks.class.getClassLoader();
        Map<String, RulePack> packs = new TreeMap<>();
        for (String file : packFiles(loader)) {
            try (InputStream in = loader.getResourceAsStream(FOLDER + "/" + file)) {
                if (in == null) continue;
                RulePack pack = RulePackYaml.read(in, FOLDER + "/" + file);
                packs.put(pack.name(), pack);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (var entry : new TreeMap<>(overrides).entrySet()) {
            String key = entry.getKey();
            String packName = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            RulePack pack = packs.get(packName);
            if (pack == null) throw new IllegalArgumentException("unknown override key " + key + ": no rule pack named '" + packName + "'");
            packs.put(packName, RulePackOverrides.apply(pack, key, entry.getValue()));
        }
        return new RulePacks(packs);
    }

    public RulePack get(String name) {
        RulePack pack = name == null ? null : packs.get(name);
        if (pack == null) throw new IllegalArgumentException("unknown rule pack '" + name + "' (known: " + packs.keySet() + ")");
        return pack;
    }

    public boolean has(String name) { return name != null && packs.containsKey(name); }

    public Collection<RulePack> all() { return packs.values(); }

    /**
     * Every pack's strictest value in one pack, for borrowers whose jurisdiction cannot be told at all
     * (see {@link RulePackSelector}): narrowest window per channel, lowest caps counted in every scope any pack names, every voice limit, longest cooldown,
     * duplicate window and retention, all blackout days. Its default zone is the CN pack's (the gateway's home
     * market) or else the first pack's; decisions then carry ZONE_ASSUMED.
     */
    public RulePack strictest() { return strictest; }

    private static RulePack combineStrictest(Collection<RulePack> all) {
        if (all.isEmpty()) throw new IllegalStateException("no rule packs found under classpath:" + FOLDER);
        List<RulePack> list = List.copyOf(all);
        Map<ChannelType, ContactWindow> windows = new EnumMap<>(ChannelType.class);
        for (ChannelType c : ChannelType.values()) {
            LocalTime start = list.stream().map(p -> p.window(c).start()).max(LocalTime::compareTo).orElseThrow();
            LocalTime end = list.stream().map(p -> p.window(c).end()).min(LocalTime::compareTo).orElseThrow();
            windows.put(c, new ContactWindow(start, end));
        }
        MessageCaps caps = new MessageCaps(
                list.stream().mapToInt(p -> p.caps().smsDaily()).min().orElseThrow(),
                list.stream().mapToInt(p -> p.caps().emailDaily()).min().orElseThrow(),
                list.stream().mapToInt(p -> p.caps().totalDaily()).min().orElseThrow(),
                list.stream().flatMap(p -> p.caps().scopes().stream()).collect(java.util.stream.Collectors.toSet()));
        VoiceLimits voice = new VoiceLimits(
                list.stream().flatMap(p -> p.voice().conversationCaps().stream()).distinct().toList(),
                list.stream().flatMap(p -> p.voice().attemptCaps().stream()).distinct().toList(),
                list.stream().map(p -> p.voice().cooldownAfterConversation()).max(Duration::compareTo).orElseThrow());
        Duration duplicate = list.stream().map(RulePack::duplicateWindow).max(Duration::compareTo).orElseThrow();
        LocalDate base = LocalDate.of(2000, 1, 1);
        Period retention = list.stream().map(RulePack::retention).max((a, b) -> base.plus(a).compareTo(base.plus(b))).orElseThrow();
        Set<LocalDate> holidays = new HashSet<>();
        list.forEach(p -> holidays.addAll(p.holidays()));
        var zone = list.stream().filter(p -> p.name().equals("CN")).findFirst().orElse(list.getFirst()).defaultZone();
        String version = String.join("+", new TreeSet<>(list.stream().map(RulePack::version).toList()));
        // No zone list: a borrower of no known jurisdiction with no zone and no phone could be anywhere on earth, and
        // no window is open everywhere at once; the default zone is assumed instead and the decision says ZONE_ASSUMED.
        return new RulePack("STRICTEST", version, zone, windows, caps, voice, duplicate, retention, holidays, List.of());
    }

    /** The YAML files in the folder: listed from a directory or jar where possible, plus the built-in names. */
    private static Set<String> packFiles(ClassLoader loader) {
        Set<String> files = new TreeSet<>();
        BUILT_IN.forEach(n -> files.add(n + ".yaml"));
        try {
            Enumeration<URL> roots = loader.getResources(FOLDER);
            while (roots.hasMoreElements()) files.addAll(list(roots.nextElement()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> list(URL folder) throws IOException {
        List<String> names = new ArrayList<>();
        switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Paths.get(folder.toURI()))) {
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            case "jar" -> {
                var connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                try (var jar = connection.getJarFile()) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(FOLDER + "/") && n.endsWith(".yaml") && n.indexOf('/', FOLDER.length() + 1) < 0)
                            .forEach(n -> names.add(n.substring(FOLDER.length() + 1)));
                }
            }
            default -> { /* other class loaders (e.g. Quarkus in-memory): the built-in names are still read */ }
        }
        return names;
    }
}
