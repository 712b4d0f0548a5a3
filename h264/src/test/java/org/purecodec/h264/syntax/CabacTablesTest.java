package org.purecodec.h264.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jcodec.codecs.h264.decode.CABACContst;
import org.junit.jupiter.api.Test;

/**
 * The context initialisation values (m, n) of Tables 9-12 to 9-33, for every ctxIdx 0..459 and all four
 * columns (I, cabac_init_idc 0..2), against JCodec's independent transcription of the same tables; and the
 * resulting context states against the formula of 9.3.1.1 for every SliceQPY.
 */
class CabacTablesTest {

    @Test
    void mnAgreeWithJcodecsTranscription() {
        int compared = 0;
        for (int ctx = 0; ctx < CabacTables.CONTEXTS; ctx++) {
            if (ctx == 276) {
                continue; // end_of_slice_flag / the terminate bin: no context variable (9.3.1.1)
            }
            assertEquals(CABACContst.cabac_context_init_I_A[ctx], CabacTables.MN[0][2 * ctx], "I m of ctxIdx " + ctx);
            assertEquals(CABACContst.cabac_context_init_I_B[ctx], CabacTables.MN[0][2 * ctx + 1], "I n of ctxIdx " + ctx);
            for (int idc = 0; idc < 3; idc++) {
                assertEquals(CABACContst.cabac_context_init_PB_A[idc][ctx], CabacTables.MN[idc + 1][2 * ctx],
                        "cabac_init_idc " + idc + " m of ctxIdx " + ctx);
                assertEquals(CABACContst.cabac_context_init_PB_B[idc][ctx], CabacTables.MN[idc + 1][2 * ctx + 1],
                        "cabac_init_idc " + idc + " n of ctxIdx " + ctx);
            }
            compared++;
        }
        assertEquals(459, compared);
    }

    @Test
    void contextStatesFollowTheInitialisationFormula() {
        CabacEngine e = new CabacEngine();
        for (int column = 0; column < 4; column++) {
            for (int qp = 0; qp <= 51; qp++) {
                e.initContexts(qp, column);
                for (int ctx = 0; ctx < CabacTables.CONTEXTS; ctx++) {
                    int m = CabacTables.MN[column][2 * ctx];
                    int n = CabacTables.MN[column][2 * ctx + 1];
                    int pre = Math.max(1, Math.min(126, ((m * qp) >> 4) + n));
                    int pState = pre <= 63 ? 63 - pre : pre - 64;
                    int mps = pre <= 63 ? 0 : 1;
                    int s = e.stateOf(ctx);
                    assertEquals(pState, s >> 1, "pStateIdx, column " + column + ", qp " + qp + ", ctxIdx " + ctx);
                    assertEquals(mps, s & 1, "valMPS, column " + column + ", qp " + qp + ", ctxIdx " + ctx);
                    assertTrue(s >> 1 <= 62);
                }
            }
        }
    }
}
