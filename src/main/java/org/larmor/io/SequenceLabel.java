package org.larmor.io;

import org.larmor.sequence.Sequence;

import java.util.Locale;

/**
 * The sequence's conventional name in file headers: LCModel's {@code SEQ} (which LCModel compares between data and
 * basis, PRESS against STEAM) and NIfTI-MRS's {@code SequenceName}.
 */
final class SequenceLabel {
    private SequenceLabel() {
    }

    static String of(Sequence seq) {
        return seq.label();
    }
}
