package org.wisekit.fhe.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.wisekit.fhe.bgv.BgvParameters;

/** The README's comparison API example, kept compiling and correct (on T0 with 16-bit words, for speed). */
class CompareReadmeExampleTest {

    @Test
    void readmeExampleRuns() throws Exception {
        long[] words = {5, 40000, 7, 65535};
        long[] others = {6, 39999, 7, 0};
        long[] values = {300, 17, 65000, 17};
        BgvParameters params = ComparisonTier.T0.insecureParameters();
        WordFormat format = WordFormat.of(params, 16);
        ComparisonSession s = ComparisonSession.create(params, format, new int[] {4}, new int[] {4}, null);
        EncryptedWords x = s.encryptor().encrypt(words);
        EncryptedWords y = s.encryptor().encrypt(others);
        try (IzComparator cmp = s.comparator(BoostComOptions.all(2))) {
            ComparisonResult r = cmp.compare(x, y);
            CompletableFuture<ComparisonResult> f = cmp.compareAsync(x, y);
            IzComparator.MinMax mm = cmp.minMax(x, y);
            EncryptedArray a = s.encryptor().encryptArray(values);
            EncryptedWords min = cmp.minimum(a);
            boolean[] less = s.decryptor().lessThan(r);
            long[] m = s.decryptor().words(min);
            assertThat(less).containsExactly(true, false, false, false);
            assertThat(s.decryptor().lessThan(f.get())).containsExactly(less);
            assertThat(s.decryptor().words(mm.min())).containsExactly(5, 39999, 7, 0);
            assertThat(s.decryptor().words(mm.max())).containsExactly(6, 40000, 7, 65535);
            assertThat(m).containsExactly(17);
            assertThat(s.decryptor().argmin(cmp.argmin(a), format, 4)).isEqualTo(1);
            assertThat(s.decryptor().words(cmp.sort(a))).containsExactly(17, 17, 300, 65000);
        }
    }
}
