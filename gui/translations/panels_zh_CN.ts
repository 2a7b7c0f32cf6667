<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="60"/>
        <source>Changes restart the race from the start.</source>
        <translation>修改后竞赛从起点重新开始。</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="62"/>
        <location filename="../docks/hyperparam_editor.py" line="97"/>
        <source>&lt;i&gt;No racer selected.&lt;/i&gt;</source>
        <translation>&lt;i&gt;未选择参赛者。&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="78"/>
        <location filename="../docks/hyperparam_editor.py" line="173"/>
        <location filename="../docks/surface_dock.py" line="174"/>
        <source>Not applied: {reason}</source>
        <translation>未应用：{reason}</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="225"/>
        <source>Update rule:</source>
        <translation>更新规则：</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="225"/>
        <source>Effective learning rate recorded:</source>
        <translation>记录的有效学习率：</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="232"/>
        <source>allowed: {range}</source>
        <translation>允许范围：{range}</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="234"/>
        <source>default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="236"/>
        <source>{optimizer} update rule:</source>
        <translation>{optimizer} 的更新规则：</translation>
    </message>
    <message>
        <location filename="../docks/hyperparam_editor.py" line="244"/>
        <source>{name} on a log scale: 10^{low} to 10^{high}</source>
        <translation>{name}（对数刻度）：10^{low} 到 10^{high}</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="31"/>
        <source>bowl (positive definite)</source>
        <translation>碗形（正定）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="32"/>
        <source>cap (negative definite: a maximum)</source>
        <translation>帽形（负定：极大值）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="33"/>
        <source>saddle (indefinite)</source>
        <translation>鞍形（不定）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="34"/>
        <source>flat along one direction (singular)</source>
        <translation>沿某一方向平坦（奇异）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="167"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="168"/>
        <location filename="../docks/race_dock.py" line="20"/>
        <source>Racer</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="169"/>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="170"/>
        <location filename="../widgets/step_scrubber.py" line="50"/>
        <source>One step back ( , )</source>
        <translation>后退一步（ , ）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="171"/>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="173"/>
        <source>The step to look inside: the update from position step − 1 to position step (start: before any step)</source>
        <translation>要查看的步：从第 step − 1 步的位置到第 step 步的位置的更新（起点：尚未走任何一步）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="175"/>
        <location filename="../widgets/step_scrubber.py" line="52"/>
        <source>One step on ( . )</source>
        <translation>前进一步（ . ）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="176"/>
        <source>Scrub through the race&apos;s steps (Home / End: first / last)</source>
        <translation>拖动浏览竞赛的各步（Home / End：第一步 / 最后一步）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="177"/>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="177"/>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="177"/>
        <source>holds</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="178"/>
        <source>Take a step, then pick it here to see the update written out.</source>
        <translation>先走一步，再在这里选中它，即可看到写出的更新过程。</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="181"/>
        <source>On the map, from θ (same length, to compare directions): &lt;span style=&apos;color:#505050&apos;&gt;━ −g steepest descent&lt;/span&gt;  &lt;span style=&apos;color:#7e2f8e&apos;&gt;━ −m momentum&lt;/span&gt;  &lt;span style=&apos;color:#008080&apos;&gt;━ −η⊙g per-parameter rates&lt;/span&gt;  ━ Δθ the update (racer&apos;s colour); dashed: the Hessian&apos;s eigen-directions, &lt;span style=&apos;color:#006ec8&apos;&gt;λmin&lt;/span&gt; and &lt;span style=&apos;color:#c83c00&apos;&gt;λmax&lt;/span&gt;</source>
        <translation>地图上自 θ 出发（长度相同，便于比较方向）：&lt;span style='color:#505050'&gt;━ −g 最速下降&lt;/span&gt;  &lt;span style='color:#7e2f8e'&gt;━ −m 动量&lt;/span&gt;  &lt;span style='color:#008080'&gt;━ −η⊙g 逐参数学习率&lt;/span&gt;  ━ Δθ 更新量（参赛者的颜色）；虚线：黑塞矩阵（Hessian）的特征方向，&lt;span style='color:#006ec8'&gt;λmin&lt;/span&gt; 与 &lt;span style='color:#c83c00'&gt;λmax&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="189"/>
        <source>Use GD optimum</source>
        <translation>采用 GD 最优设置</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="190"/>
        <source>Make the racer SGD with lr* = 2 / (λmin + λmax) (restarts the race)</source>
        <translation>将该参赛者设为 SGD，lr* = 2 / (λmin + λmax)（竞赛重新开始）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="191"/>
        <source>Use momentum optimum</source>
        <translation>采用动量最优设置</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="194"/>
        <source>Make the racer heavy-ball momentum with lr* = (2 / (√λmin + √λmax))² and β* = ((√κ − 1) / (√κ + 1))² (Goh 2017; restarts the race)</source>
        <translation>将该参赛者设为重球动量法，lr* = (2 / (√λmin + √λmax))²，β* = ((√κ − 1) / (√κ + 1))²（Goh 2017；竞赛重新开始）</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="200"/>
        <source>Linear rate (error × r per step): predicted for each racer&apos;s settings on the start&apos;s local quadratic, and observed in the race</source>
        <translation>线性收敛率（误差每步乘以 r）：按各参赛者的设置在起点处的局部二次模型上预测的值，以及竞赛中观测到的值</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="204"/>
        <source>racer</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="204"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="204"/>
        <source>observed</source>
        <translation>观测</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="207"/>
        <source>predicted: the spectral radius of the racer&apos;s fixed update on the quadratic model at the start (SGD, momentum, Nesterov; — for optimizers that adapt their rates); observed: (|θ_n − θ*| / |θ_m − θ*|)^(1/(n − m)) over the race so far, toward the nearest known minimum</source>
        <translation>预测：参赛者的固定更新在起点处二次模型上的谱半径（SGD、动量、Nesterov；自适应调整学习率的优化器为 —）；观测：到目前为止的竞赛中朝最近的已知极小值的 (|θ_n − θ*| / |θ_m − θ*|)^(1/(n − m))</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="334"/>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="335"/>
        <source>gradient given to the optimizer</source>
        <translation>交给优化器的梯度</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="336"/>
        <source>learning rate in effect</source>
        <translation>生效的学习率</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="341"/>
        <source>effective lr</source>
        <translation>有效 lr</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="341"/>
        <source>per parameter</source>
        <translation>逐参数</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="357"/>
        <source>Local curvature</source>
        <translation>局部曲率</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="360"/>
        <source>Local curvature at the start {point}</source>
        <translation>起点 {point} 处的局部曲率</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="363"/>
        <source>Local curvature at θ of step {step} (where it started)</source>
        <translation>第 {step} 步的 θ 处（该步起始处）的局部曲率</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="373"/>
        <source>gradient descent stable for lr &lt; 2/λmax = {lr}</source>
        <translation>lr &lt; 2/λmax = {lr} 时梯度下降稳定</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="378"/>
        <source>GD optimum: lr* = {lr}, error × {rate} per step</source>
        <translation>GD 最优：lr* = {lr}，误差每步 × {rate}</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="383"/>
        <source>momentum optimum: lr* = {lr}, β* = {beta}, error × {rate} per step</source>
        <translation>动量最优：lr* = {lr}，β* = {beta}，误差每步 × {rate}</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="388"/>
        <source>steps per e-fold of the error: GD {gd}, momentum {momentum}</source>
        <translation>误差缩小为 1/e 所需步数：GD {gd}，动量 {momentum}</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="393"/>
        <source>no optimal fixed settings: the local quadratic has no minimum</source>
        <translation>没有最优的固定设置：局部二次模型没有极小值</translation>
    </message>
    <message>
        <location filename="../docks/inspector_dock.py" line="450"/>
        <source>replaying to step {step}…  (once per racer; later looks are quick)</source>
        <translation>正在重放到第 {step} 步…（每个参赛者只需一次；之后查看很快）</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="19"/>
        <source>Basins of attraction</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="20"/>
        <source>Hyperparameter sweep</source>
        <translation>超参数扫描</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="21"/>
        <source>Trainability boundary</source>
        <translation>可训练性边界</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="90"/>
        <source>Maps</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="94"/>
        <source>Basins: a grid of starts over the map&apos;s view, each coloured by the minimum it reached.</source>
        <translation>吸引域：在地图视野内取网格状的起点，按各自到达的极小值着色。</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="96"/>
        <source>Sweep: the selected racer from the race&apos;s start over two of its hyperparameters.</source>
        <translation>扫描：选中的参赛者从竞赛起点出发，在它的两个超参数上扫描。</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="98"/>
        <source>Trainability boundary: gradient descent with a learning rate per parameter (log axes).</source>
        <translation>可训练性边界：每个参数各用一个学习率的梯度下降（对数坐标轴）。</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="100"/>
        <source>the selected racer</source>
        <translation>选中的参赛者</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="101"/>
        <source>every visible racer, side by side</source>
        <translation>所有可见参赛者，并排显示</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="102"/>
        <source> cells per side</source>
        <translation> 格/边</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="103"/>
        <source>a run has converged once |grad| &lt;= this</source>
        <translation>一次运行在 |grad| &lt;= 此值时视为收敛</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="105"/>
        <location filename="../docks/maps_dock.py" line="138"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="106"/>
        <location filename="../docks/maps_dock.py" line="143"/>
        <location filename="../docks/racers_dock.py" line="85"/>
        <source>Racers</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="107"/>
        <location filename="../docks/maps_dock.py" line="148"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="108"/>
        <location filename="../docks/maps_dock.py" line="153"/>
        <location filename="../docks/race_dock.py" line="23"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="109"/>
        <location filename="../docks/maps_dock.py" line="156"/>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="110"/>
        <location filename="../docks/maps_dock.py" line="177"/>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="116"/>
        <location filename="../docks/maps_dock.py" line="217"/>
        <source>lr for x</source>
        <translation>x 的 lr</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="117"/>
        <location filename="../docks/maps_dock.py" line="219"/>
        <source>lr for y</source>
        <translation>y 的 lr</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="118"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="119"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="295"/>
        <source>no race</source>
        <translation>没有竞赛</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="301"/>
        <source>tolerance {text!r}: expected a number &gt;= 0</source>
        <translation>容差 {text!r}：应为 &gt;= 0 的数</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="309"/>
        <source>no racer to map</source>
        <translation>没有可绘制地图的参赛者</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="321"/>
        <source>{text!r} is not a number</source>
        <translation>{text!r} 不是数字</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="329"/>
        <source>no racer to sweep</source>
        <translation>没有可扫描的参赛者</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="333"/>
        <source>pick two hyperparameters</source>
        <translation>请选择两个超参数</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="362"/>
        <source>computing {count} maps: {m} M point-steps</source>
        <translation>正在计算 {count} 张地图：{m} M 点·步</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="363"/>
        <source>computing 1 map: {m} M point-steps</source>
        <translation>正在计算 1 张地图：{m} M 点·步</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="390"/>
        <source>from the cache</source>
        <translation>来自缓存</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="391"/>
        <source>{took}, {rate} M point-steps/s</source>
        <translation>{took}，{rate} M 点·步/秒</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="393"/>
        <source>; click a cell to start the race there</source>
        <translation>；点击一个格子，竞赛即从该处开始</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="395"/>
        <source>; click a cell to use its settings</source>
        <translation>；点击一个格子即采用它的设置</translation>
    </message>
    <message>
        <location filename="../docks/maps_dock.py" line="404"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="76"/>
        <source>full data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="80"/>
        <location filename="../docks/options_editor.py" line="216"/>
        <source>allowed: {range}, default {default}</source>
        <translation>允许范围：{range}，默认 {default}</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="82"/>
        <source>batch_size applies on data surfaces; noise on any surface. Changes restart the race.</source>
        <translation>batch_size 仅作用于数据曲面；noise 作用于任何曲面。修改后竞赛重新开始。</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="94"/>
        <source>1 = SGD, {n} = every point; 0 = full data (batch gradient descent)</source>
        <translation>1 = SGD，{n} = 全部数据点；0 = 全部数据（批量梯度下降）</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="96"/>
        <source>only on data surfaces (linear_regression, logistic_regression)</source>
        <translation>仅用于数据曲面（linear_regression、logistic_regression）</translation>
    </message>
    <message>
        <location filename="../docks/options_editor.py" line="143"/>
        <source>lr(t): {first} at step 1 → {last} at step {steps} (max {max})</source>
        <translation>lr(t)：{first} → {last}（{steps} 步，最大 {max}）</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="22"/>
        <source>Distance to min</source>
        <translation>到极小值距离</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="24"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="25"/>
        <source>Steps to tol</source>
        <translation>达到容差的步数</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="26"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="29"/>
        <source>Rank: with a tolerance set, racers that converged first (fewest steps to the tolerance first), then the others by final loss gap; without one, by final loss gap f − f*. Diverged racers come last.</source>
        <translation>名次：设置了容差时，先排已收敛的参赛者（达到容差的步数少者在前），其余按最终损失差距排；未设置容差时按最终损失差距 f − f* 排。发散的参赛者排在最后。</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="34"/>
        <source>The racer (its colour on the map and the plots)</source>
        <translation>参赛者（它在地图和图表中的颜色）</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="35"/>
        <source>Final loss gap f − f*: how far above the surface&apos;s minimum value the racer&apos;s loss is (the loss f itself where the minimum value is unknown)</source>
        <translation>最终损失差距 f − f*：参赛者的损失高出曲面最小值多少（最小值未知时即损失 f 本身）</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="40"/>
        <source>Distance from the racer&apos;s position to the nearest known minimum</source>
        <translation>参赛者当前位置到最近的已知极小值的距离</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="41"/>
        <source>Steps the racer has taken</source>
        <translation>参赛者已走的步数</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="42"/>
        <source>ready (no step taken yet), running (budget left), budget used, converged (|grad| reached the tolerance) or diverged, with the step</source>
        <translation>就绪（尚未走步）、运行中（预算未用完）、预算用尽、收敛（|grad| 达到容差）或发散，并注明发生的步</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="47"/>
        <source>Steps it took to reach |grad| ≤ tolerance (empty if it has not)</source>
        <translation>达到 |grad| ≤ 容差所用的步数（未达到则为空）</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="48"/>
        <source>Computing time spent on this racer&apos;s steps (total); the tooltip gives the time per step</source>
        <translation>计算该参赛者各步所花的时间（总计）；提示中给出每步的时间</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="145"/>
        <source>Race</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="146"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="147"/>
        <source>Budget</source>
        <translation>步数预算</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="148"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="149"/>
        <source>Step budget: the race stops after this many steps (raising it lets it go on)</source>
        <translation>步数预算：竞赛在这么多步之后停止（调高后可继续）</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="150"/>
        <source>Stop at |grad| ≤</source>
        <translation>停止于 |grad| ≤</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="151"/>
        <source>Stop a racer as converged once its gradient norm falls to the tolerance</source>
        <translation>参赛者的梯度范数降到容差时即视为收敛并停止</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="252"/>
        <location filename="../panels/loss_panel.py" line="82"/>
        <source>Loss f</source>
        <translation>损失 f</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="308"/>
        <source>{us} µs per step</source>
        <translation>每步 {us} µs</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="311"/>
        <source>{time} for {steps} steps: {per_step}</source>
        <translation>{steps} 步共 {time}：{per_step}</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="334"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="334"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="336"/>
        <source>converged at {step}</source>
        <translation>第 {step} 步收敛</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="338"/>
        <source>diverged at {step}</source>
        <translation>第 {step} 步发散</translation>
    </message>
    <message>
        <location filename="../docks/race_dock.py" line="340"/>
        <source>budget used</source>
        <translation>预算用尽</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="86"/>
        <source>Tick to show or hide a racer; double-click to rename</source>
        <translation>勾选以显示或隐藏参赛者；双击可重命名</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="87"/>
        <source>Add ▾</source>
        <translation>添加 ▾</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="88"/>
        <source>Add a racer with any optimizer</source>
        <translation>添加一个使用任意优化器的参赛者</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="89"/>
        <location filename="../docks/racers_dock.py" line="191"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="90"/>
        <source>Remove the selected racer</source>
        <translation>移除选中的参赛者</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="91"/>
        <location filename="../docks/racers_dock.py" line="190"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="92"/>
        <source>Copy the selected racer (e.g. to race it at another learning rate)</source>
        <translation>复制选中的参赛者（例如用另一个学习率参赛）</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="93"/>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="94"/>
        <source>Change the selected racer&apos;s colour</source>
        <translation>更改选中参赛者的颜色</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="95"/>
        <source>Copy as torch</source>
        <translation>复制为 torch 代码</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="97"/>
        <source>Copy the selected racer as torch.optim code: a short runnable script that reproduces its path</source>
        <translation>将选中的参赛者复制为 torch.optim 代码：一段可运行、能重现其路径的简短脚本</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="99"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="100"/>
        <source>Batches, noise, lr schedule</source>
        <translation>批量、噪声、学习率调度</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="189"/>
        <source>Copy as torch.optim code</source>
        <translation>复制为 torch.optim 代码</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="211"/>
        <source>Not copied: {reason}</source>
        <translation>未复制：{reason}</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="215"/>
        <source>Copied {racer} as torch.optim code ({steps} steps): paste it into a .py file</source>
        <translation>已将 {racer} 复制为 torch.optim 代码（{steps} 步）：请粘贴到一个 .py 文件中</translation>
    </message>
    <message>
        <location filename="../docks/racers_dock.py" line="244"/>
        <source>Colour of {racer}</source>
        <translation>{racer} 的颜色</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="34"/>
        <source>allowed: [{low}, {high}], default {default}</source>
        <translation>允许范围：[{low}, {high}]，默认 {default}</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="79"/>
        <location filename="../panels/surface_3d.py" line="209"/>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="81"/>
        <source>Your formula…</source>
        <translation>自定义公式…</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="83"/>
        <source>Type f(x, y): e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)</source>
        <translation>输入 f(x, y)：例如 sin(x)*cos(y) + 0.1*(x**2 + y**2)</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="85"/>
        <source>The loss surface; changing it restarts the race from its default start</source>
        <translation>损失曲面；更换后竞赛从其默认起点重新开始</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="86"/>
        <source>e.g. sin(x)*cos(y) + 0.1*(x**2 + y**2)</source>
        <translation>例如 sin(x)*cos(y) + 0.1*(x**2 + y**2)</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="88"/>
        <source>Python arithmetic in x, y and your parameters: + - * / ** ( ), pi, e and</source>
        <translation>关于 x、y 和你的参数的 Python 算式：+ - * / ** ( )、pi、e 以及</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="92"/>
        <source>Exact derivatives by SymPy; press Enter or Apply</source>
        <translation>由 SymPy 求精确导数；按回车或“应用”</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="94"/>
        <source>Parameters used in the formula, NAME=VALUE separated by commas</source>
        <translation>公式中使用的参数，格式 NAME=VALUE，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="95"/>
        <source>The plotted range of x, LOW..HIGH</source>
        <translation>x 的绘制范围，LOW..HIGH</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="96"/>
        <source>The plotted range of y, LOW..HIGH</source>
        <translation>y 的绘制范围，LOW..HIGH</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="97"/>
        <location filename="../docks/surface_dock.py" line="123"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="97"/>
        <location filename="../docks/surface_dock.py" line="132"/>
        <source>Domain</source>
        <translation>定义域</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="101"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="102"/>
        <source>Race on this formula (the race restarts from its default start)</source>
        <translation>在此公式上竞赛（竞赛从其默认起点重新开始）</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="237"/>
        <source> and {count} more</source>
        <translation> 等另外 {count} 个</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="239"/>
        <source>f* = {fmin} at {minima}</source>
        <translation>f* = {fmin}，位于 {minima}</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="241"/>
        <source>no minimum (unbounded below)</source>
        <translation>没有最小值（无下界）</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="245"/>
        <source>no lowest point inside the domain</source>
        <translation>定义域内没有最低点</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="246"/>
        <source> ({count} local minima)</source>
        <translation>（{count} 个局部极小值）</translation>
    </message>
    <message>
        <location filename="../docks/surface_dock.py" line="249"/>
        <source>; {count} local minima</source>
        <translation>；{count} 个局部极小值</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="32"/>
        <source>intercept b₀</source>
        <translation>截距 b₀</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="32"/>
        <source>slope b₁</source>
        <translation>斜率 b₁</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="33"/>
        <source>weight w₁</source>
        <translation>权重 w₁</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="33"/>
        <source>weight w₂</source>
        <translation>权重 w₂</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="175"/>
        <source>Surface and paths</source>
        <translation>曲面与路径</translation>
    </message>
    <message>
        <location filename="../panels/contour_panel.py" line="178"/>
        <source>Start point: drag it, or click anywhere on the map</source>
        <translation>起点：拖动它，或点击地图上任意位置</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="23"/>
        <source>label 0</source>
        <translation>标签 0</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="23"/>
        <source>label 1</source>
        <translation>标签 1</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="24"/>
        <source>true model</source>
        <translation>真实模型</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="25"/>
        <source>best fit (f*)</source>
        <translation>最佳拟合 (f*)</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="83"/>
        <source>The data panel shows the data of the data-fit surfaces (linear_regression, logistic_regression).</source>
        <translation>数据面板显示数据拟合曲面（linear_regression、logistic_regression）的数据。</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="90"/>
        <source>{n} data points (x, y) and each racer&apos;s line y = b₀ + b₁ x</source>
        <translation>{n} 个数据点 (x, y) 以及各参赛者的直线 y = b₀ + b₁ x</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="96"/>
        <source>{n} labelled points (○ label 0, × label 1) and each racer&apos;s decision boundary w·x = 0</source>
        <translation>{n} 个带标签的点（○ 标签 0，× 标签 1）以及各参赛者的决策边界 w·x = 0</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="100"/>
        <source>feature 1</source>
        <translation>特征 1</translation>
    </message>
    <message>
        <location filename="../panels/data_panel.py" line="101"/>
        <source>feature 2</source>
        <translation>特征 2</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="18"/>
        <source>The learning rate the optimizer itself applies to each parameter at each step: lr for SGD, lr / (√v̂ + ε) for Adam and the other adaptive methods (the rule of each optimizer is in its tooltip). It leaves out momentum.</source>
        <extracomment>what each &quot;Show:&quot; choice means (the choice&apos;s tooltip here and in View &gt; Learning rate), in English: shown through tr()</extracomment>
        <translation>优化器自身在每一步对每个参数施加的学习率：SGD 为 lr，Adam 及其他自适应方法为 lr / (√v̂ + ε)（各优化器的规则见其提示）。不计入动量。</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="24"/>
        <source>The step actually taken per unit of gradient, |−Δθ / g|, per parameter: comparable across every optimizer, momentum included (a step against the gradient shows as a spike).</source>
        <translation>每单位梯度实际走的步长 |−Δθ / g|（逐参数）：可在所有优化器之间比较，包括动量（逆梯度方向的一步显示为尖峰）。</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="44"/>
        <source>Effective learning rate</source>
        <translation>有效学习率</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="46"/>
        <source>optimizer&apos;s own rate</source>
        <translation>优化器自身的学习率</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="47"/>
        <source>observed |Δθ / g|</source>
        <translation>观测 |Δθ / g|</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="64"/>
        <source>Learning rate · x: racer&apos;s line, y: dotted</source>
        <translation>学习率 · x：实线，y：点线</translation>
    </message>
    <message>
        <location filename="../panels/learning_rate_panel.py" line="66"/>
        <location filename="../panels/network_curves.py" line="155"/>
        <source>own lr</source>
        <translation>自身 lr</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="31"/>
        <source>f − f*  (log)</source>
        <translation>f − f*（对数）</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="31"/>
        <source>The gap to the surface&apos;s global minimum value f*, on a log axis: how many decades each racer still has to go (the surface&apos;s known f* is in the Surface dock).</source>
        <translation>与曲面全局最小值 f* 的差距（对数坐标轴）：各参赛者还差几个数量级（曲面的已知 f* 见“曲面”面板）。</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="34"/>
        <source>f  (log)</source>
        <translation>f（对数）</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="35"/>
        <source>The loss itself on a log axis (values at or below 0 leave the chart).</source>
        <translation>损失本身（对数坐标轴；小于等于 0 的值不显示）。</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="36"/>
        <source>f  (linear)</source>
        <translation>f（线性）</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="37"/>
        <source>The loss itself on a linear axis: differences near the minimum look flat.</source>
        <translation>损失本身（线性坐标轴）：极小值附近的差异看起来很平。</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="39"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="57"/>
        <source>mini-batch loss</source>
        <translation>小批量损失</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="59"/>
        <source>Also draw, fainter, the mini-batch loss each racer actually saw (racers with batch_size &gt; 0)</source>
        <translation>同时以浅色画出各参赛者实际看到的小批量损失（batch_size &gt; 0 的参赛者）</translation>
    </message>
    <message>
        <location filename="../panels/loss_panel.py" line="82"/>
        <source>Loss gap f − f*</source>
        <translation>损失差距 f − f*</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="43"/>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="44"/>
        <source>converged</source>
        <translation>收敛</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="45"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="46"/>
        <source>not converged in {steps} steps</source>
        <translation>{steps} 步内未收敛</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="47"/>
        <source>neither in {steps} steps</source>
        <translation>{steps} 步内两者皆非</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="50"/>
        <source>converged elsewhere (saddle / unlisted point)</source>
        <translation>收敛到别处（鞍点 / 未列出的点）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="52"/>
        <source>diverged (brighter: escaped sooner)</source>
        <translation>发散（越亮：逃逸越早）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="53"/>
        <source>converged (brighter: sooner)</source>
        <translation>收敛（越亮：越早）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="54"/>
        <source>{point} local</source>
        <translation>{point} 局部</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="55"/>
        <source>minimum {index}</source>
        <translation>极小值 {index}</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="58"/>
        <source>brighter: fewer steps to tolerance; x: the known minima</source>
        <translation>越亮：达到容差的步数越少；x：已知极小值</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="62"/>
        <source>colour: steps to |grad| &lt;= {tol}, {lo} (dark) to {hi} (yellow)</source>
        <translation>颜色：达到 |grad| &lt;= {tol} 的步数，{lo}（深）到 {hi}（黄）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="66"/>
        <source>colour: log10 final loss gap, {lo} (dark) to {hi} (yellow)</source>
        <translation>颜色：log10 最终损失差距，{lo}（深）到 {hi}（黄）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="70"/>
        <source>trainability boundary (Sohl-Dickstein 2024)</source>
        <translation>可训练性边界（Sohl-Dickstein 2024）</translation>
    </message>
    <message>
        <location filename="../panels/map_view.py" line="287"/>
        <source>gradient descent, a rate per parameter</source>
        <translation>梯度下降，每个参数一个学习率</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="71"/>
        <location filename="../panels/step_panel.py" line="104"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="90"/>
        <source>Loss: mini-batch (faint) and test (dots)</source>
        <translation>损失：小批量（浅色）与测试（圆点）</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="92"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="123"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="125"/>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="152"/>
        <source>Effective learning rate per layer (median, 10-90% band)</source>
        <translation>每层的有效学习率（中位数，10–90% 区间带）</translation>
    </message>
    <message>
        <location filename="../panels/network_curves.py" line="170"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="16"/>
        <source>PCA plane of the paths</source>
        <translation>路径的 PCA 平面</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="17"/>
        <source>random filter-normalized directions</source>
        <translation>随机的滤波器归一化方向</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="69"/>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="70"/>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="71"/>
        <source>log10 loss</source>
        <translation>log10 损失</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="76"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="78"/>
        <source>Loss landscape: PCA plane ({first} + {second} of the paths)</source>
        <translation>损失地形：PCA 平面（解释路径的 {first} + {second}）</translation>
    </message>
    <message>
        <location filename="../panels/network_landscape.py" line="81"/>
        <source>Loss landscape: filter-normalized random plane (Li et al. 2018)</source>
        <translation>损失地形：滤波器归一化的随机平面（Li 等，2018）</translation>
    </message>
    <message>
        <location filename="../panels/step_panel.py" line="98"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../panels/step_panel.py" line="105"/>
        <source>step {value:.0f}</source>
        <translation>第 {value:.0f} 步</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="49"/>
        <source>The 3-D view needs OpenGL, which the &apos;{platform}&apos; display platform does not provide. Open the window on a desktop (or under xvfb-run) to see it.</source>
        <translation>三维视图需要 OpenGL，而“{platform}”显示平台不提供。请在桌面环境（或 xvfb-run 下）打开窗口查看。</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="56"/>
        <source>The 3-D view needs PyOpenGL: {error}</source>
        <translation>三维视图需要 PyOpenGL：{error}</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="59"/>
        <source>The 3-D view needs OpenGL, and this display could not create an OpenGL context.</source>
        <translation>三维视图需要 OpenGL，而此显示无法创建 OpenGL 上下文。</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="197"/>
        <source>Log height</source>
        <translation>对数高度</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="198"/>
        <source>Height log10(f − f_min): shows the decades of surfaces like Rosenbrock</source>
        <translation>高度取 log10(f − f_min)：显示 Rosenbrock 等曲面跨越的数量级</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="199"/>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="200"/>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="201"/>
        <source>Save the 3-D view as a PNG image (1600 px wide, or wider than on screen)</source>
        <translation>将三维视图保存为 PNG 图像（宽 1600 像素，或比屏幕上更宽）</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="208"/>
        <source>Surface in 3-D</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="209"/>
        <source>{surface} in 3-D</source>
        <translation>{surface}（三维）</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="403"/>
        <source>no 3-D view</source>
        <translation>没有三维视图</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="414"/>
        <source>Save the 3-D view</source>
        <translation>保存三维视图</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="414"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="423"/>
        <source>3-D view not saved</source>
        <translation>三维视图未保存</translation>
    </message>
    <message>
        <location filename="../panels/surface_3d.py" line="430"/>
        <source>could not write {path!r}</source>
        <translation>无法写入 {path!r}</translation>
    </message>
    <message>
        <location filename="../widgets/number_field.py" line="52"/>
        <source>{name}: {text!r} is not a number</source>
        <translation>{name}：{text!r} 不是数字</translation>
    </message>
    <message>
        <location filename="../widgets/number_field.py" line="58"/>
        <source>{name}: {reason} (got {text})</source>
        <translation>{name}：{reason}（输入为 {text}）</translation>
    </message>
    <message>
        <location filename="../widgets/speed_box.py" line="24"/>
        <source>1 step / {seconds} s</source>
        <translation>1 步 / {seconds} s</translation>
    </message>
    <message>
        <location filename="../widgets/speed_box.py" line="25"/>
        <source>1 step/frame</source>
        <translation>1 步/帧</translation>
    </message>
    <message>
        <location filename="../widgets/speed_box.py" line="25"/>
        <source>{steps} steps/frame</source>
        <translation>{steps} 步/帧</translation>
    </message>
    <message>
        <location filename="../widgets/speed_box.py" line="46"/>
        <source>Playback speed: slow motion (one step every 1 s, 0.5 s or 0.25 s, to watch and explain each step) up to {max} steps per frame (about 60 frames per second). Type a number of steps per frame, or &apos;0.5 s&apos; for slow motion.</source>
        <translation>播放速度：从慢动作（每 1 s、0.5 s 或 0.25 s 一步，便于观察和讲解每一步）到每帧 {max} 步（约每秒 60 帧）。可输入每帧步数，或输入“0.5 s”表示慢动作。</translation>
    </message>
    <message>
        <location filename="../widgets/step_scrubber.py" line="48"/>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../widgets/step_scrubber.py" line="49"/>
        <source>The step the Inspector looks inside (View &gt; Inspector)</source>
        <translation>检查器查看的步（视图 &gt; 检查器）</translation>
    </message>
    <message>
        <location filename="../widgets/step_scrubber.py" line="51"/>
        <source>Drag through the race&apos;s steps (Home / End: first / last; 0: the start)</source>
        <translation>拖动浏览竞赛的各步（Home / End：第一步 / 最后一步；0：起点）</translation>
    </message>
    <message>
        <location filename="../widgets/step_scrubber.py" line="81"/>
        <source>start of {last}</source>
        <translation>起点 / 共 {last} 步</translation>
    </message>
    <message>
        <location filename="../widgets/step_scrubber.py" line="83"/>
        <location filename="../widgets/step_scrubber.py" line="85"/>
        <source>step {step} of {last}</source>
        <translation>第 {step} 步 / 共 {last} 步</translation>
    </message>
</context>
</TS>
