package org.larmor.input;

/**
 * A user-facing input error: which file, which line, which field, and what was expected.
 *
 * <p>The CLI prints {@link #getMessage()} and exits with status 2; it never shows a stack trace for these.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Location location;
    private final String field;
    private final String problem;

    public InputException(Location location, String field, String problem) {
        super(format(location, field, problem));
        this.location = location;
        this.field = field;
        this.problem = problem;
    }

    /** An error about a whole file or input that has no better location. */
    public static InputException of(String source, String problem) {
        return new InputException(new Location(source, 0, 0), null, problem);
    }

    public Location location() {
        return location;
    }

    /** Dotted path of the offending field ({@code subsystems[0].spins[2].shift_ppm}), or null. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    private static String format(Location location, String field, String problem) {
        StringBuilder sb = new StringBuilder(location.toString()).append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(problem).toString();
    }
}
