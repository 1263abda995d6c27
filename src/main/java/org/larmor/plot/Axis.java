package org.larmor.plot;

/**
 * The x axis of a plot: its label and whether values grow to the left.
 *
 * @param label    axis label, with the unit
 * @param reversed true to draw larger values on the left, as chemical shift is drawn in MR spectroscopy
 */
public record Axis(String label, boolean reversed) {
    /** Chemical shift in ppm, decreasing from left to right (the MRS convention). */
    public static final Axis PPM = new Axis("Chemical shift (ppm)", true);
    /** Frequency offset in Hz, increasing from left to right (pulse profiles, for example). */
    public static final Axis HZ = new Axis("Frequency offset (Hz)", false);
}
