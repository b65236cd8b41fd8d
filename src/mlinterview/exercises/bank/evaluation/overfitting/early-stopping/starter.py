def early_stopping(train_loss, val_loss, patience, min_delta=0.0):
    """Replay early stopping on recorded losses.

    Parameters
    ----------
    train_loss, val_loss : sequences of float, length E >= 1 (epoch 0 first)
    patience : int >= 1, epochs without improvement that stop training
    min_delta : float >= 0; an epoch improves when val_loss < best - min_delta

    Returns
    -------
    (best_epoch, stop_epoch, gap) : int, int, float. stop_epoch = E - 1 if training never
        stops; gap = val_loss[best_epoch] - train_loss[best_epoch].
    """
    raise NotImplementedError("walk the epochs, keep the best and count epochs without improvement")
