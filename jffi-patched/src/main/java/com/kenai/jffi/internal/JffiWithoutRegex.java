package com.kenai.jffi.internal;

/**
 * What jffi's set-up asked java.util.regex for, without it (jffi-patched/pom.xml says why): the two calls of jffi's
 * own classes that src/build/JffiCalls.java sends here. Public: Platform, which calls {@link #split}, is in another
 * package.
 */
public final class JffiWithoutRegex {
    private JffiWithoutRegex() {
    }

    /**
     * {@code String.format(format, args)} for the formats jffi's StubLoader gives ("jffi-%d.%d"): each {@code %d}
     * is the next argument's decimal text. Another format goes to String.format as before.
     */
    public static String format(String format, Object... args) {
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
            } else if (i + 1 < format.length() && format.charAt(i + 1) == 'd' && next < args.length
                    && args[next] instanceof Integer number) {
                text.append(number.intValue());
                next++;
                i++;
            } else {
                return String.format(format, args);
            }
        }
        return text.toString();
    }

    /**
     * {@code text.split(regex)} for Platform's "[^0-9.]" (the Java version's leading digits and dots): the first
     * element as split gives it, which is all Platform reads; another expression goes to String.split as before.
     */
    public static String[] split(String text, String regex) {
        if (!regex.equals("[^0-9.]")) return text.split(regex);
        int end = 0;
        while (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) >= '0' && text.charAt(end) <= '9')) end++;
        return new String[] {text.substring(0, end)};
    }
}
