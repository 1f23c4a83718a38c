package org.wisekit.datasets;

/**
 * One Free Spoken Digit Dataset recording, from the file {@code {digit}_{speaker}_{index}.wav}.
 *
 * @param digit   the spoken digit, 0..9 (the class label)
 * @param speaker the speaker's name, e.g. {@code george}
 * @param index   the take number of this speaker and digit, 0..49
 * @param audio   8 kHz mono samples in [-1, 1)
 */
public record FsddRecording(int digit, String speaker, int index, WavAudio audio) {

    public FsddRecording {
        if (digit < 0 || digit > 9 || speaker == null || speaker.isEmpty() || index < 0 || audio == null) {
            throw new IllegalArgumentException("invalid recording: digit=" + digit + ", speaker=" + speaker
                    + ", index=" + index);
        }
    }
}
