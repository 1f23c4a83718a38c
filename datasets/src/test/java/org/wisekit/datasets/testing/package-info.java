/**
 * Test support shipped in the {@code wisekit-datasets} test-jar: {@link org.wisekit.datasets.testing.RealData}
 * loads real data in a test, skipping it where the data is absent and failing it in CI
 * ({@code WISEKIT_REQUIRE_DATA=true}).
 */
package org.wisekit.datasets.testing;
