import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The changes made to picocli's sources before they are compiled (picocli-17/pom.xml says why): parts of picocli
 * that every CommandLine or CommandSpec made in its constructor or field initialisers, and that a rait command
 * uses only when it prints a usage or converts a type rait's options do not have, are made when first asked for.
 * Run by the build as a source-file program: {@code java LazyPicocliParts.java picocli/CommandLine.java}. Each
 * anchor is replaced once; a replacement already there is left as it is (the build unpacks the sources once);
 * an anchor that is neither there exactly once nor replaced fails the build, so that a new picocli version is
 * looked at rather than silently left unchanged.
 */
public final class LazyPicocliParts {
    /** One text of CommandLine.java replaced, for one of the parts made lazily. */
    record Rewrite(String part, String anchor, String replacement) {
    }

    /** Ends each changed line: what changed it, and where it says why. */
    private static final String NOTE = " (rait: picocli-17/pom.xml)";
    private static final String MARK = " // rait: picocli-17/pom.xml";

    private static final List<Rewrite> REWRITES = List.of(
            // The default negatable-option transformer compiles four regular expressions.
            new Rewrite("negatable-option transformer",
                    "private INegatableOptionTransformer negatableOptionTransformer = RegexTransformer.createDefault();",
                    "private INegatableOptionTransformer negatableOptionTransformer; // rait: made when first asked for (picocli-17/pom.xml)"),
            new Rewrite("negatable-option transformer",
                    "public INegatableOptionTransformer negatableOptionTransformer() { return negatableOptionTransformer; }",
                    "public INegatableOptionTransformer negatableOptionTransformer() { if (negatableOptionTransformer == null) { "
                            + "negatableOptionTransformer = RegexTransformer.createDefault(); } return negatableOptionTransformer; }"),

            // The built-in type converters: ~40 objects of 27 classes per CommandLine, java.net and reflective
            // java.time/java.sql/java.nio.file look-ups among them. Those for the types rait's options have are
            // made one by one; any other type makes all of them, as the constructor did. Converters registered
            // before (registerConverter, or the ones made one by one) stay, as they replaced the built-in ones.
            new Rewrite("built-in converters",
                    "Interpreter() { registerBuiltInConverters(); }",
                    "Interpreter() { } // built-in converters: made when first looked up" + NOTE + "\n"
                            + "        private boolean builtInConvertersRegistered;\n"
                            + "        /** The converter for this type, a built-in one made if need be; null for none (an enum's is made elsewhere). */\n"
                            + "        private ITypeConverter<?> registeredConverter(Class<?> type) {\n"
                            + "            ITypeConverter<?> converter = converterRegistry.get(type);\n"
                            + "            if (converter != null || type.isEnum()) { return converter; } // no built-in converter is for an enum\n"
                            + "            if (type == String.class) { converter = new BuiltIn.StringConverter(); }\n"
                            + "            else if (type == Boolean.TYPE || type == Boolean.class) { converter = new BuiltIn.BooleanConverter(); }\n"
                            + "            else if (type == Integer.TYPE || type == Integer.class) { converter = new BuiltIn.IntegerConverter(); }\n"
                            + "            if (converter != null) { converterRegistry.put(type, converter); return converter; }\n"
                            + "            if (builtInConvertersRegistered) { return null; }\n"
                            + "            builtInConvertersRegistered = true;\n"
                            + "            Map<Class<?>, ITypeConverter<?>> before = new HashMap<Class<?>, ITypeConverter<?>>(converterRegistry);\n"
                            + "            registerBuiltInConverters();\n"
                            + "            converterRegistry.putAll(before);\n"
                            + "            return converterRegistry.get(type);\n"
                            + "        }"),
            new Rewrite("built-in converters",
                    "if (char[].class.equals(argSpec.type()) && argSpec.interactive()) { return converterRegistry.get(char[].class); }",
                    "if (char[].class.equals(argSpec.type()) && argSpec.interactive()) { return registeredConverter(char[].class); }" + MARK),
            new Rewrite("built-in converters",
                    "if (converterRegistry.containsKey(type)) { return converterRegistry.get(type); }",
                    "ITypeConverter<?> registered = registeredConverter(type);" + MARK + "\n"
                            + "            if (registered != null) { return registered; }"),

            // The usage help's 19 section renderers (anonymous classes), made by every CommandSpec.
            new Rewrite("usage section renderers",
                    "private Map<String, IHelpSectionRenderer> helpSectionRendererMap = createHelpSectionRendererMap();",
                    "private Map<String, IHelpSectionRenderer> helpSectionRendererMap; // made when first asked for" + NOTE),
            new Rewrite("usage section renderers",
                    "public Map<String, IHelpSectionRenderer> sectionMap() { return helpSectionRendererMap; }",
                    "public Map<String, IHelpSectionRenderer> sectionMap() { if (helpSectionRendererMap == null) { "
                            + "helpSectionRendererMap = createHelpSectionRendererMap(); } return helpSectionRendererMap; }" + MARK),
            // A copy shares its original's map, as before.
            new Rewrite("usage section renderers",
                    "helpSectionRendererMap = settings.helpSectionRendererMap;",
                    "helpSectionRendererMap = settings.sectionMap();" + MARK),

            // The default colour scheme (Help, Help.Ansi, its styles), made by every CommandLine and by its
            // execution strategy (RunLast), and asked for by every execution. A ColorScheme is immutable: the
            // one made later is alike.
            new Rewrite("colour scheme",
                    "    private Help.ColorScheme colorScheme = Help.defaultColorScheme(Help.Ansi.AUTO);\n"
                            + "    private IExitCodeExceptionMapper exitCodeExceptionMapper;",
                    "    private Help.ColorScheme colorScheme; // made when first asked for" + NOTE + "\n"
                            + "    private IExitCodeExceptionMapper exitCodeExceptionMapper;"),
            new Rewrite("colour scheme",
                    "public Help.ColorScheme getColorScheme() { return colorScheme; }",
                    "public Help.ColorScheme getColorScheme() { if (colorScheme == null) { "
                            + "colorScheme = Help.defaultColorScheme(Help.Ansi.AUTO); } return colorScheme; }" + MARK),
            new Rewrite("colour scheme",
                    "        private Help.ColorScheme colorScheme = Help.defaultColorScheme(Help.Ansi.AUTO);\n"
                            + "        private Integer exitCode;",
                    "        private Help.ColorScheme colorScheme; // made when first asked for" + NOTE + "\n"
                            + "        private Integer exitCode;"),
            new Rewrite("colour scheme",
                    "@Deprecated public Help.Ansi ansi()      { return colorScheme.ansi(); }",
                    "@Deprecated public Help.Ansi ansi()      { return colorScheme().ansi(); }" + MARK),
            new Rewrite("colour scheme",
                    "public Help.ColorScheme colorScheme() { return colorScheme; }",
                    "public Help.ColorScheme colorScheme() { if (colorScheme == null) { "
                            + "colorScheme = Help.defaultColorScheme(Help.Ansi.AUTO); } return colorScheme; }" + MARK),
            // A strategy whose colour scheme was never made has the default one, whose Ansi is AUTO.
            new Rewrite("colour scheme",
                    "if (handler.ansi() != Help.Ansi.AUTO) { setColorScheme(handler.colorScheme()); }",
                    "if (handler.colorScheme != null && handler.ansi() != Help.Ansi.AUTO) { setColorScheme(handler.colorScheme()); }" + MARK),
            // executeHelpRequest asked every parsed command for it before knowing whether help was requested.
            new Rewrite("colour scheme",
                    "Help.ColorScheme colorScheme = parsed.getColorScheme();",
                    "// the colour scheme is asked for where it is used" + NOTE),
            new Rewrite("colour scheme", "parsed.usage(out, colorScheme);", "parsed.usage(out, parsed.getColorScheme());"),
            new Rewrite("colour scheme", "parsed.printVersionHelp(out, colorScheme.ansi);",
                    "parsed.printVersionHelp(out, parsed.getColorScheme().ansi);"),
            new Rewrite("colour scheme", ".init(parsed, colorScheme, out, err);", ".init(parsed, parsed.getColorScheme(), out, err);"),
            new Rewrite("colour scheme", ".init(parsed, colorScheme.ansi, System.out, System.err);",
                    ".init(parsed, parsed.getColorScheme().ansi, System.out, System.err);"));

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String source = Files.readString(file, StandardCharsets.UTF_8);
        String changed = source;
        for (Rewrite r : REWRITES) {
            if (changed.contains(r.replacement())) continue;
            int at = changed.indexOf(r.anchor());
            if (at < 0 || changed.indexOf(r.anchor(), at + 1) >= 0) {
                System.err.println(file + ": " + r.part() + ": expected exactly one `" + r.anchor() + "`, found "
                        + (at < 0 ? "none" : "more") + ": review picocli-17/pom.xml's changes for this picocli version"
                        + " (sources changed by an older LazyPicocliParts: mvn clean)");
                System.exit(1);
            }
            changed = changed.substring(0, at) + r.replacement() + changed.substring(at + r.anchor().length());
        }
        if (!changed.equals(source)) Files.writeString(file, changed, StandardCharsets.UTF_8);
    }
}
