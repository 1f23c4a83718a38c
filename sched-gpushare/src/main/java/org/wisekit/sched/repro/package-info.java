/**
 * The {@code sched-gpushare/jct} reproduction (average JCT of SJF-BSBF against Tiresias, SJF-FFS and SJF on
 * heavy-load traces) and the run summaries the {@code wisekit sched} tool prints too.
 */
package org.wisekit.sched.repro;
