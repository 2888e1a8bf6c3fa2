package payledger.settlement;

/**
 * Where an accepted import is, as a client polling it sees it: {@code RECEIVED} (the file is whole,
 * checked and spooled; its lines are being staged), {@code RECONCILING} (every line staged, the
 * import complete; the run is matching them), {@code DONE} (the run's figures are written) or
 * {@code FAILED} (staging or the run failed; uploading the file again starts over where it stands).
 */
public enum ImportState { RECEIVED, RECONCILING, DONE, FAILED }
