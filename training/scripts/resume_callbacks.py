"""Training-time callback for resuming a sourced ``trainable_lemmatizer``.

spaCy 3.8's EditTreeLemmatizer.from_disk restores its labels and trees but not
the ``tree2label`` index that ``get_loss`` uses, so resuming training from a
saved pipeline scores every gold lemma as label 0 and wrecks the lemmatizer.
The callback rebuilds the index before training. Only ``spacy train --code``
needs this file; the shipped pipeline uses built-in factories only.
"""
from typing import Callable

import spacy
from spacy.language import Language


@spacy.registry.callbacks("norne.restore_tree2label.v1")
def create_restore_tree2label(name: str = "trainable_lemmatizer") -> Callable[[Language], Language]:
    def restore(nlp: Language) -> Language:
        lemmatizer = nlp.get_pipe(name)
        lemmatizer.tree2label.clear()
        for label, tree in enumerate(lemmatizer.labels):
            lemmatizer.tree2label[tree] = label
        return nlp

    return restore
