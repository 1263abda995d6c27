package org.larmor.sequence;

/** A sequence whose events cannot fit its timing (a delay would be negative); the reader adds the file and line. */
public final class TimingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TimingException(String message) {
        super(message);
    }
}
