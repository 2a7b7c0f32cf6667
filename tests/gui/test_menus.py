"""Help ▸ About and the View menu's learning-rate choice."""

import arena


def test_about_shows_version_description_and_licence(window):
    text = window.about_text()
    assert arena.__version__ in text
    assert "Race gradient-descent optimizers on 2-D loss surfaces" in text
    assert "MIT" in text and "Licence" in text


def test_learning_rate_menu_explains_and_switches_the_mode(qtbot, window):
    menu = window.lr_mode_menu
    assert menu.toolTipsVisible()
    acts = {a.data(): a for a in menu.actions()}
    assert set(acts) == {"own", "observed"}
    assert "optimizer itself applies" in acts["own"].toolTip()
    assert "|−Δθ / g|" in acts["observed"].toolTip() and "momentum" in acts["observed"].toolTip()
    acts["observed"].trigger()
    assert window.lr.mode == "observed" and acts["observed"].isChecked()
    window.lr.set_mode("own")
    assert acts["own"].isChecked() and not acts["observed"].isChecked()


def test_every_show_choice_explains_itself(qtbot, window):
    from PySide6 import QtCore

    role = QtCore.Qt.ItemDataRole.ToolTipRole
    for panel in (window.loss, window.lr):
        box = panel.mode_box
        tips = [box.itemData(i, role) for i in range(box.count())]
        assert all(tip and len(tip) > 40 for tip in tips), tips
        box.setCurrentIndex(box.count() - 1)
        assert box.toolTip() == tips[-1]  # the closed selector explains the choice shown
    assert "momentum" in window.lr.mode_box.itemData(1, role)
