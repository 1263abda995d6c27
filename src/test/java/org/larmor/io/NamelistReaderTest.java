package org.larmor.io;

import org.junit.jupiter.api.Test;
import org.larmor.input.InputException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fortran NAMELIST input as LCModel files use it, including the looser layouts other tools write. */
class NamelistReaderTest {

    @Test
    void skipsFreeTextAndReadsItemsCaseInsensitively() {
        String text = "Made by hand; LCModel skips this line\n $seqpar\n fwhmba = 0.1, hzpppm=127.7861,\n"
                + " ECHOT =  ,\n SEQ = 'PRESS' $END\n";
        Namelist g = new NamelistReader("t.basis", text).next();
        assertEquals("SEQPAR", g.name());
        assertEquals(0.1, g.number("FWHMBA"));
        assertEquals(127.7861, g.number("hzpppm"));
        assertFalse(g.has("ECHOT"), "an empty value is a Fortran null value");
        assertEquals(-1.5, g.number("ECHOT", -1.5), 0, "a null value gives the caller's default");
        assertEquals("PRESS", g.string("seq"));
        assertEquals(2, g.location().line());
    }

    @Test
    void readsListsQuotesSlashTerminatorAndAmpersandGroups() {
        String text = " &NMUSED PPMAPP =  0.5 -0.5, FILERAW = 'it''s/a $END test', N = 3 /\n"
                + " $BASIS ID = \"Cr\", METABO = 'Cr', CONC = 1.0D0 $end\n";
        NamelistReader r = new NamelistReader("t", text);
        Namelist a = r.next();
        assertEquals("0.5 -0.5", a.values().get("PPMAPP"));
        assertEquals("it's/a $END test", a.string("FILERAW"));
        assertEquals(3, a.integer("N"));
        Namelist b = r.next();
        assertEquals("BASIS", b.name());
        assertEquals("Cr", b.string("ID"));
        assertEquals(1.0, b.number("CONC"));
        assertNull(r.next());
    }

    @Test
    void dataStartOnTheLineAfterTheGroupAndMayBeGlued() {
        String text = " $NMID ID='x', FMTDAT='(6E13.5)' $END  trailing text is skipped\n"
                + "  1.00000E+00 -2.00000E-01  3.00000E+00\n"
                + " -4.00000E+00-5.00000E+00  6.0D-01\n"
                + "  0.123457-100 ignored-rest-of-line\n"
                + " $NEXT A=1 $END\n";
        NamelistReader r = new NamelistReader("t", text);
        r.next();
        double[] v = r.numbers(6, "test data");
        assertArrayEquals(new double[] {1, -0.2, 3, -4, -5, 0.6}, v, 1e-15);
        assertEquals("NEXT", r.next().name());
    }

    @Test
    void builderWritesWhatTheReaderReads() {
        Namelist g = Namelist.builder("BASIS").string("ID", "O'Brien").number("CONC", 1.0).integer("ISHIFT", 0)
                .number("BADELT", 2.5e-4).build();
        StringBuilder sb = new StringBuilder();
        g.appendTo(sb);
        assertEquals(" $BASIS\n ID = 'O''Brien',\n CONC = 1.0,\n ISHIFT = 0,\n BADELT = 2.5E-4 $END\n",
                sb.toString());
        Namelist back = new NamelistReader("t", sb.toString()).next();
        assertEquals("O'Brien", back.string("ID"));
        assertEquals(2.5e-4, back.number("BADELT"));
    }

    @Test
    void anUnclosedGroupNamesItsLine() {
        InputException e = assertThrows(InputException.class,
                () -> new NamelistReader("x.BASIS", "text\n\n $BASIS1 IDBASI = 'a',\n NDATAB = 4\n").next());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("x.BASIS:3"), e.getMessage());
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
    }

    @Test
    void missingOrBadNumbersNameTheLineAndWhatWasExpected() {
        NamelistReader r = new NamelistReader("x.RAW", " $NMID ID='a' $END\n 1.0 2.0\n 3.0\n");
        r.next();
        InputException e = assertThrows(InputException.class, () -> r.numbers(8, "4 complex points of a"));
        assertTrue(e.getMessage().contains("3 of the 8"), e.getMessage());
        assertTrue(e.getMessage().contains("4 complex points of a"), e.getMessage());

        NamelistReader s = new NamelistReader("x.RAW", " $NMID ID='a' $END\n 1.0 2.0\n 3.0 abc\n");
        s.next();
        InputException f = assertThrows(InputException.class, () -> s.numbers(4, "data"));
        assertEquals(3, f.location().line());
        assertTrue(f.getMessage().contains("\"abc\""), f.getMessage());
    }

    @Test
    void aValueWithoutKeyIsAnError() {
        InputException e = assertThrows(InputException.class,
                () -> new NamelistReader("c", " $LCMODL 'oops' $END\n").next());
        assertTrue(e.getMessage().contains("KEY = value"), e.getMessage());
    }
}
