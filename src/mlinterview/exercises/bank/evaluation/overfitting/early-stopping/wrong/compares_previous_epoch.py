"""Counts an epoch as an improvement when it beats the PREVIOUS epoch, not the best so
far: a partial recovery after a bad epoch resets the patience."""
import math


def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    previous, best, best_epoch, wait = math.inf, math.inf, 0, 0
    stop = len(val_loss) - 1
    for epoch, loss in enumerate(val_loss):
        if loss < previous - min_delta:
            wait = 0
            if loss < best:
                best, best_epoch = loss, epoch
        else:
            wait += 1
            if wait >= patience:
                stop = epoch
                break
        previous = loss
    return best_epoch, stop, float(val_loss[best_epoch] - train_loss[best_epoch])
