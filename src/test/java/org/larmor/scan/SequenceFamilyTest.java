package org.larmor.scan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Vendor sequence names name their family; edited families win over their base (a MEGA-PRESS is a PRESS too). */
class SequenceFamilyTest {
    @ParameterizedTest
    @CsvSource({"svs_se, PRESS", "svs_se_30, PRESS", "svs_st, STEAM", "eja_svs_slaser, SEMI_LASER",
        "svs_slaser_dkd, SEMI_LASER", "svs_edit, MEGA_PRESS", "eja_svs_mpress, MEGA_PRESS", "PROBE-P, PRESS",
        "presscsi, PRESS", "PROBE-S, STEAM", "stesvs, STEAM", "jpress_ac, JPRESS", "hbcd, MEGA_PRESS",
        "gaba, MEGA_PRESS", "oslaser, SEMI_LASER", "PRESS_TE35, PRESS", "STEAM 20, STEAM", "sLASER_30, SEMI_LASER",
        "MEGA-PRESS, MEGA_PRESS", "MEGA_sLASER_GABA, MEGA_SLASER", "HERMES_GABA_GSH, HERMES",
        "hercules_80, HERCULES", "MEGA-SLASER, MEGA_SLASER"})
    void vendorNamesNameTheirFamily(String name, SequenceFamily family) {
        assertEquals(family, SequenceFamily.ofName(name).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"svs_fid", "AdjFre", "localizer", "GABA PAR 68"})
    void otherNamesNameNone(String name) {
        assertEquals(java.util.Optional.empty(), SequenceFamily.ofName(name), name);
    }
}
