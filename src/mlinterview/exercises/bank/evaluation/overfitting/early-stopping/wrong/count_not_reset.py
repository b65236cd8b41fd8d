"""Never resets the count after an improvement: stops after `patience` non-improving
epochs in total, not in a row."""
import math


def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    best, best_epoch, misses = math.inf, 0, 0
    stop = len(val_loss) - 1
    for epoch, loss in enumerate(val_loss):
        if loss < best - min_delta:
            best, best_epoch = loss, epoch
        else:
            misses += 1
            if misses >= patience:
                stop = epoch
                break
    return best_epoch, stop, float(val_loss[best_epoch] - train_loss[best_epoch])
