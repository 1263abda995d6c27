package org.larmor.sequence;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arithmetic a sequence file may write in place of a number, checked against values worked out by hand with the
 * usual precedence: unary minus, then × and ÷, then + and −, each left to right; parentheses first.
 */
class ExpressionTest {
    static final Map<String, Double> TE = Map.of("te1", 17.0, "te2", 51.0, "t_1", 2.5, "_x", 4.0);

    static double eval(String text) {
        return Expression.evaluate(text, TE);
    }

    static String error(String text, Map<String, Double> values) {
        return assertThrows(IllegalArgumentException.class, () -> Expression.evaluate(text, values)).getMessage();
    }

    @Test
    void onlyTextStartingWithADollarIsAnExpression() {
        assertTrue(Expression.is("$te1"));
        assertTrue(Expression.is("${1 + 2}"));
        assertFalse(Expression.is("te1"));
        assertFalse(Expression.is("1.5"));
        assertFalse(Expression.is(" $te1"));
        assertFalse(Expression.is(null));
    }

    @Test
    void productsBindTighterThanSumsAndBothAssociateLeftToRight() {
        assertEquals(7, eval("${1 + 2 * 3}"));
        assertEquals(9, eval("${(1 + 2) * 3}"));
        assertEquals(3, eval("${10 - 4 - 3}"), "(10 − 4) − 3, not 10 − (4 − 3) = 9");
        assertEquals(3, eval("${24 / 4 / 2}"), "(24 / 4) / 2, not 24 / (4 / 2) = 12");
        assertEquals(2.5, eval("${10 / 4}"));
        assertEquals(-1, eval("${2 - 3}"));
        assertEquals(5, eval("${8 - 6 / 2}"));
        assertEquals(14, eval("${2 * (3 + 4)}"));
        assertEquals(6, eval("${-2 * -3}"));
        assertEquals(-3, eval("${-(1 + 2)}"));
        assertEquals(3, eval("${--3}"));
        assertEquals(0.5, eval("${((1))/((2))}"));
    }

    @Test
    void whitespaceIsIgnoredAnywhereBetweenTokens() {
        assertEquals(eval("${1+2*3}"), eval("${  1 +\t2 *  3  }"));
        assertEquals(9, eval("${ ( 1 + 2 ) * 3 }"));
    }

    @Test
    void numbersMayHaveDecimalsAndExponents() {
        assertEquals(0.001 * 1000, eval("${1e-3 * 1000}"));
        assertEquals(250, eval("${2.5E+2}"));
        assertEquals(100, eval("${1.5e2-50}"), "a minus after a digit is subtraction, not part of the exponent");
        assertEquals(0.125, eval("${.125}"));
        assertEquals(42, eval("$42"));
    }

    @Test
    void parametersAreLookedUpByNameWithLettersDigitsAndUnderscores() {
        assertEquals(17, eval("$te1"));
        assertEquals(17.0 / 2 + 2.5, eval("${te1/2 + t_1}"));
        // MEGA-PRESS: second refocusing pulse at TE1 + TE2/2 = 42.5 ms, first editing pulse TE/4 before it.
        assertEquals(42.5 - 17, eval("${te1 + te2/2 - (te1 + te2)/4}"));
        assertEquals(-4, eval("${-_x}"));
    }

    @Test
    void anUnknownNameListsTheDeclaredOnesInOrder() {
        String m = error("${te1 + te3}", TE);
        assertEquals("unknown parameter 'te3'; defined: _x, t_1, te1, te2", m);
        String none = error("$te", Map.of());
        assertEquals("unknown parameter 'te'; defined: none (declare them under 'parameters')", none);
    }

    @Test
    void syntaxErrorsSayWhatWasExpectedAndWhere() {
        assertEquals("an expression ${...} must end with '}': ${1 + 2", error("${1 + 2", TE));
        assertEquals("missing ')' in ${(1 + 2}", error("${(1 + 2}", TE));
        assertEquals("cannot read \"2\" in ${1 2}", error("${1 2}", TE));
        assertEquals("cannot read \")\" in ${1 + 2)}", error("${1 + 2)}", TE));
        assertEquals("expected a number, a parameter or '(' at \"\" in ${1 +}", error("${1 +}", TE));
        assertEquals("expected a number, a parameter or '(' at \"*2\" in ${*2}", error("${*2}", TE));
        assertEquals("expected a number, a parameter or '(' at \"+1\" in ${+1}", error("${+1}", TE));
        assertEquals("expected a number, a parameter or '(' at \"\" in ${}", error("${}", TE));
        assertEquals("not a number: 1.2.3", error("${1.2.3}", TE));
        assertEquals("${1/0} is not a finite number", error("${1/0}", TE));
        assertEquals("${0/0} is not a finite number", error("${0/0}", TE));
    }
}
