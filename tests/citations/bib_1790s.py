"""A small bibliography of the 1790s debate, with a French and a German title."""

BIB_1790S = r"""@book{wollstonecraft1792,
  author = {Wollstonecraft, Mary}, title = {A Vindication of the Rights of Woman},
  publisher = {J. Johnson}, address = {London}, year = {1792}}
@book{burke1790,
  author = {Burke, Edmund}, title = {Reflections on the Revolution in France},
  publisher = {J. Dodsley}, address = {London}, year = {1790}}
@book{price1789,
  author = {Price, Richard}, title = {A Discourse on the Love of Our Country},
  publisher = {T. Cadell}, address = {London}, year = {1789}}
@book{rousseau1762,
  author = {Rousseau, Jean-Jacques}, title = {Du contrat social ou principes du droit politique},
  publisher = {Marc-Michel Rey}, address = {Amsterdam}, year = {1762}, language = {french}}
@book{kant1781,
  author = {Kant, Immanuel}, title = {Kritik der reinen Vernunft},
  publisher = {Hartknoch}, address = {Riga}, year = {1781}, langid = {german}}
"""
