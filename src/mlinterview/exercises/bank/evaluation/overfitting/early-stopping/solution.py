import math


def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    """Replay early stopping on recorded losses: (best_epoch, stop_epoch, gap)."""
    best = math.inf          # best validation loss so far
    best_epoch = 0
    wait = 0                 # epochs since the last improvement
    stop_epoch = len(val_loss) - 1        # if patience never runs out, the run just ends
    for epoch, loss in enumerate(val_loss):
        # Improvement is measured against the BEST so far, not the previous epoch, and
        # must beat it by more than min_delta (noise-sized dips do not reset the count).
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                stop_epoch = epoch
                break
    # The restored model is the best epoch's: report its generalisation gap.
    gap = float(val_loss[best_epoch] - train_loss[best_epoch])
    return best_epoch, stop_epoch, gap
