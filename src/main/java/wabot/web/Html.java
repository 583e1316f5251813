package wabot.web;

/** The small pieces of HTML the server writes itself: escaping, and the frame every page shares. */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code body} is trusted HTML the caller built with {@link #escape}. */
    public static String page(Assets assets, String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · wabot</title>"
                + "<link rel=\"stylesheet\" href=\"" + assets.url("wabot.css") + "\"></head>\n<body>" + body
                + "</body></html>\n";
    }
}
