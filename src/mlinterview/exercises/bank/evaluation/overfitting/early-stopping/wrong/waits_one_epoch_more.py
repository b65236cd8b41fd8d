"""Stops when the count EXCEEDS patience (wait > patience): one epoch too late."""
import math


def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    best, best_epoch, wait = math.inf, 0, 0
    stop = len(val_loss) - 1
    for epoch, loss in enumerate(val_loss):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait > patience:
                stop = epoch
                break
    return best_epoch, stop, float(val_loss[best_epoch] - train_loss[best_epoch])
