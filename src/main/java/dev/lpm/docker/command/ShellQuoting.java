package dev.lpm.docker.command;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a value back as one shell word that {@code sh} turns into exactly that value again. */
public final class ShellQuoting {

    /** Characters that mean nothing to sh in an unquoted word ({@code [ ]} would glob, so they are quoted). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./{}-]+");
    /** lpm sets $PORT for every service; a publish value may use it instead of {port}. */
    static final Pattern PORT_VARIABLE = Pattern.compile("\\$\\{PORT}|\\$PORT(?![A-Za-z0-9_])");

    private ShellQuoting() {}

    /** {@code value} as one word, single-quoted when it needs quoting ({@code '} written as {@code '\''}). */
    public static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Like {@link #quote} but every {@code $PORT} / {@code ${PORT}} in {@code value} stays a variable the
     * shell expands (written {@code "$PORT"} or {@code "${PORT}"}, as it was); used for values that held that variable.
     */
    public static String quoteKeepingPortVariable(String value) {
        StringBuilder out = new StringBuilder();
        Matcher m = PORT_VARIABLE.matcher(value);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.append(quote(value.substring(last, m.start())));
            }
            out.append('"').append(m.group()).append('"');
            last = m.end();
        }
        if (last < value.length() || out.isEmpty()) {
            out.append(quote(value.substring(last)));
        }
        return out.toString();
    }
}
