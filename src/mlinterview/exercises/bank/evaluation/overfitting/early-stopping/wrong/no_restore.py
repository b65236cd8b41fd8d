"""Keeps the weights of the epoch where training stopped instead of restoring the best
epoch: reports the stop epoch as the best and its gap."""
import math


def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    best, wait = math.inf, 0
    stop = len(val_loss) - 1
    for epoch, loss in enumerate(val_loss):
        if loss < best - min_delta:
            best, wait = loss, 0
        else:
            wait += 1
            if wait >= patience:
                stop = epoch
                break
    return stop, stop, float(val_loss[stop] - train_loss[stop])
