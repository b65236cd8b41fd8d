"""Synonyms and abbreviations that the suggester treats as one term.

Each group lists ways of saying the same thing in an answer or a key point; the first is
the group's name. They are written as plain English and go through the same
normalisation and stemming as the texts they are matched in (see
:func:`mlinterview.practice.suggest.terms`), so "True positives" and "true-positive"
both become the group's token. A phrase is matched as consecutive informative words
(stop words such as "the" and "of" are dropped first), longest phrase first.

Only equivalences that hold in every card belong here: "normal" is not "Gaussian" in
"normal equations", so that pair is left out.
"""

from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    # confusion-matrix cells and the rates built from them
    ("tp", "true positive", "true positives"),
    ("fp", "false positive", "false positives", "false alarm", "false alarms",
     "type i error"),
    ("fn", "false negative", "false negatives", "type ii error"),
    ("tn", "true negative", "true negatives", "correct rejection", "correct rejections"),
    ("tpr", "true positive rate", "sensitivity"),
    ("tnr", "true negative rate", "specificity"),
    ("auc", "area under the curve", "area under curve"),
    ("roc", "receiver operating characteristic"),
    ("prauc", "pr auc", "pr-auc", "average precision", "area under the precision recall curve"),
    ("mcc", "matthews correlation coefficient", "matthews correlation"),
    ("f1", "f1 score", "f-score", "f1-score", "f measure"),
    ("fbeta", "f beta", "f-beta"),
    # regularisation
    ("l2", "ridge", "l2 penalty", "l2 regularization", "squared penalty", "tikhonov"),
    ("l1", "lasso", "l1 penalty", "l1 regularization", "absolute-value penalty"),
    ("elasticnet", "elastic net", "elastic-net"),
    ("weightdecay", "weight decay"),
    # optimisation
    ("lr", "learning rate", "step size", "eta"),
    ("sgd", "stochastic gradient descent"),
    ("gd", "gradient descent"),
    ("adagrad", "ada grad"),
    ("rmsprop", "rms prop"),
    # change
    ("reduce", "reduces", "reduced", "reducing", "cut", "cuts", "decrease", "decreases"),
    ("increase", "increases", "increased", "grow", "grows", "growing"),
    # evaluation
    ("valid", "validation", "validation set", "validation data", "held-out", "held out",
     "holdout", "hold-out", "dev set"),
    ("cv", "cross validation", "cross-validation", "cross validate", "cross-validate",
     "crossvalidation"),
    ("kfold", "k fold", "k-fold", "k folds"),
    ("testset", "test set", "test data", "held-out test", "untouched test"),
    ("std", "standard deviation"),
    ("earlystop", "early stopping", "early-stopping"),
    ("augment", "data augmentation", "augmented data", "augmentation"),
    # probability and information
    ("mle", "maximum likelihood", "maximum-likelihood", "maximum likelihood estimation",
     "maximum likelihood estimate", "maximize the likelihood", "maximize the log-likelihood",
     "maximizing the likelihood", "maximizing the log-likelihood"),
    ("map", "maximum a posteriori"),
    ("nll", "negative log likelihood", "negative log-likelihood"),
    ("xent", "cross entropy", "cross-entropy", "log loss", "log-loss", "logistic loss"),
    ("bce", "binary cross entropy", "binary cross-entropy", "bce with logits",
     "bcewithlogits"),
    ("kl", "kl divergence", "kullback leibler", "kullback-leibler", "relative entropy"),
    ("mi", "mutual information"),
    ("iid", "independent and identically distributed"),
    ("clt", "central limit theorem"),
    ("laplace", "double exponential", "double-exponential"),
    ("pvalue", "p value", "p-value", "p values", "p-values"),
    ("fwer", "family-wise error rate", "familywise error rate"),
    ("fdr", "false discovery rate"),
    # linear algebra and models
    ("svd", "singular value decomposition"),
    ("pca", "principal component analysis", "principal components analysis"),
    ("pinv", "pseudoinverse", "pseudo-inverse", "moore penrose", "moore-penrose"),
    ("svm", "support vector machine", "support vector machines"),
    ("sv", "support vector", "support vectors"),
    ("logreg", "logistic regression"),
    ("nb", "naive bayes"),
    ("gmm", "gaussian mixture", "gaussian mixture model", "mixture of gaussians"),
    ("em", "expectation maximization", "expectation-maximization"),
    ("kmeans", "k means", "k-means"),
    ("rf", "random forest", "random forests"),
    ("gbm", "gradient boosting"),
    ("mse", "mean squared error", "mean square error", "squared error", "sum of squares"),
    # neural networks
    ("nn", "neural network", "neural networks", "neural net"),
    ("mlp", "multilayer perceptron", "multi-layer perceptron"),
    ("cnn", "convolutional neural network", "convolutional network", "convnet"),
    ("rnn", "recurrent neural network", "recurrent network"),
    ("lstm", "long short-term memory", "long short term memory"),
    ("gru", "gated recurrent unit"),
    ("bptt", "backpropagation through time", "backprop through time"),
    ("backprop", "backpropagation", "back propagation", "back-propagation"),
    ("relu", "rectified linear unit"),
    ("batchnorm", "batch normalization", "batch norm"),
    ("layernorm", "layer normalization", "layer norm"),
    ("resnet", "residual network"),
    ("skip", "skip connection", "skip connections", "residual connection",
     "residual connections", "shortcut", "shortcuts", "identity shortcut"),
    ("fc", "fully connected", "fully-connected", "dense layer", "dense layers"),
    ("conv", "convolution", "convolutions", "convolutional"),
    ("fp16", "float16", "half precision", "16-bit", "16-bit float", "16-bit floats"),
    ("fp32", "float32", "single precision", "32-bit", "32-bit float", "32-bit floats"),
    ("bf16", "bfloat16"),
    ("ae", "autoencoder", "auto-encoder", "autoencoders"),
    ("vae", "variational autoencoder", "variational auto-encoder"),
    ("gan", "generative adversarial network", "generative adversarial networks"),
    ("ebm", "energy-based model", "energy based model"),
    ("fid", "frechet inception distance", "fréchet inception distance"),
    ("sfm", "structure from motion"),
    ("nerf", "neural radiance field", "neural radiance fields"),
    # algorithms
    ("bfs", "breadth-first search", "breadth first search", "breadth first"),
    ("dfs", "depth-first search", "depth first search", "depth first"),
    ("dp", "dynamic programming"),
    ("lcs", "longest common subsequence"),
    ("io", "i/o", "disk io"),
)
