package org.larmor.scan;

/**
 * An acquisition parameter a scan header may state, with its SI unit. Values are held in these units whatever the
 * header wrote (ms, µs, MHz): each reader converts and names the header key it read.
 */
public enum HeaderField {
    SEQUENCE_NAME("sequence name", ""),
    PROTOCOL_NAME("protocol name", ""),
    MANUFACTURER("manufacturer", ""),
    NUCLEUS("nucleus", ""),
    SPECTROMETER_HZ("spectrometer frequency", "Hz"),
    B0_T("field strength", "T"),
    TE_S("echo time", "s"),
    TE1_S("first echo time TE1", "s"),
    TE2_S("second echo time TE2", "s"),
    TM_S("mixing time", "s"),
    TR_S("repetition time", "s"),
    DWELL_S("dwell time", "s"),
    POINTS("points", ""),
    /** Editing pulses per condition: {@code Map<String, List<Double>>} of band centres (ppm). */
    EDIT_PULSES("editing pulses", "ppm"),
    EDIT_DURATION_S("editing pulse duration", "s"),
    /** Number of editing conditions the data hold (NIfTI-MRS DIM_EDIT size), an Integer. */
    EDIT_CONDITIONS("editing conditions", "");

    private final String label;
    private final String unit;

    HeaderField(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** In words, for messages ("echo time"). */
    public String label() {
        return label;
    }

    /** SI unit of the held value ("s", "Hz"), empty for text and counts. */
    public String unit() {
        return unit;
    }
}
