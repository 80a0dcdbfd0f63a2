package org.rait.configfile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** TOML's unquoted values: booleans, integers (decimal, 0x, 0o, 0b), floats (inf, nan) and dates/times. */
final class TomlScalars {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(0|[1-9](_?[0-9])*)");
    private static final Pattern HEX = Pattern.compile("0x[0-9A-Fa-f](_?[0-9A-Fa-f])*");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7](_?[0-7])*");
    private static final Pattern BINARY = Pattern.compile("0b[01](_?[01])*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(0|[1-9](_?[0-9])*)(\\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final Pattern OFFSET_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private TomlScalars() {
    }

    /** The value of an unquoted word (Boolean, Long, Double or a java.time value), or null when it is none of them. */
    static Object read(String word) {
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "inf": case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan": case "+nan": case "-nan":
                return Double.NaN;
            default:
                break;
        }
        try {
            if (DECIMAL.matcher(word).matches()) return Long.parseLong(word.replace("_", ""));
            if (HEX.matcher(word).matches()) return Long.parseLong(word.substring(2).replace("_", ""), 16);
            if (OCTAL.matcher(word).matches()) return Long.parseLong(word.substring(2).replace("_", ""), 8);
            if (BINARY.matcher(word).matches()) return Long.parseLong(word.substring(2).replace("_", ""), 2);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
        if (FLOAT.matcher(word).matches()) return Double.parseDouble(word.replace("_", ""));
        return temporal(word);
    }

    private static Object temporal(String word) {
        try {
            String iso = word.length() > 10 ? word.substring(0, 10) + "T" + word.substring(11) : word;
            if (OFFSET_DATE_TIME.matcher(word).matches()) return OffsetDateTime.parse(iso.replace('z', 'Z'));
            if (DATE_TIME.matcher(word).matches()) return LocalDateTime.parse(iso);
            if (DATE.matcher(word).matches()) return LocalDate.parse(word);
            if (TIME.matcher(word).matches()) return LocalTime.parse(word);
        } catch (DateTimeParseException invalid) {
            return null;
        }
        return null;
    }
}
