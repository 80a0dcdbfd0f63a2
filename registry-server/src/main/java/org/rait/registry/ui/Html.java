package org.rait.registry.ui;

/** Escaping for text and attribute values: everything a node or an admin typed goes through it. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: the stylesheet and script come from the jar (/ui/assets/), nothing from elsewhere. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><link rel=\"stylesheet\" href=\"/ui/assets/ui.css\">"
                + "<script src=\"/ui/assets/ui.js\" defer></script></head><body>\n" + body + "\n</body></html>\n";
    }
}
