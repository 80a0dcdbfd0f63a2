import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one change made to picocli's sources before they are compiled (picocli-17/pom.xml says why): the
 * default negatable-option transformer, which compiles four regular expressions, is made when a command
 * first asks for it instead of in every CommandSpec's field initialiser. Run by the build as a source-file
 * program: {@code java LazyNegatableOptionTransformer.java picocli/CommandLine.java}. Each text is replaced
 * once; sources already changed are left as they are; sources unlike the expected ones fail the build, so
 * that a new picocli version is looked at rather than silently left unchanged.
 */
public final class LazyNegatableOptionTransformer {
    private static final String[][] REPLACEMENTS = {
        {"private INegatableOptionTransformer negatableOptionTransformer = RegexTransformer.createDefault();",
         "private INegatableOptionTransformer negatableOptionTransformer; // rait: made when first asked for (picocli-17/pom.xml)"},
        {"public INegatableOptionTransformer negatableOptionTransformer() { return negatableOptionTransformer; }",
         "public INegatableOptionTransformer negatableOptionTransformer() { if (negatableOptionTransformer == null) { "
                 + "negatableOptionTransformer = RegexTransformer.createDefault(); } return negatableOptionTransformer; }"},
    };

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String source = Files.readString(file, StandardCharsets.UTF_8);
        String changed = source;
        for (String[] r : REPLACEMENTS) {
            if (changed.contains(r[1])) continue;
            int at = changed.indexOf(r[0]);
            if (at < 0 || changed.indexOf(r[0], at + 1) >= 0) {
                System.err.println(file + ": expected exactly one `" + r[0] + "`: review picocli-17/pom.xml's change");
                System.exit(1);
            }
            changed = changed.replace(r[0], r[1]);
        }
        if (!changed.equals(source)) Files.writeString(file, changed, StandardCharsets.UTF_8);
    }
}
