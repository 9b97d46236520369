import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useT } from '../../i18n/use-t.ts';
import type { BlockSummaryJson } from '../../../../shared/api/types.ts';

// Only the parts used here are registered, which keeps the chart chunk small.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Recent blocks: the time each took after its parent (bars) and the transactions it carried (line). */
export function BlockChart({ blocks }: { blocks: readonly BlockSummaryJson[] }) {
  const { t } = useT();
  const ordered = [...blocks].sort((a, b) => a.height - b.height);
  const intervals = ordered.map((b, i) => (i === 0 ? null : Number(b.time) - Number(ordered[i - 1]!.time)));
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('network.chartInterval'), t('network.chartTxs')] },
    grid: { left: 50, right: 50, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: ordered.map((b) => String(b.height)), name: t('network.chartHeight') },
    yAxis: [
      { type: 'value', name: 'ms' },
      { type: 'value', name: t('network.chartTxs'), minInterval: 1 },
    ],
    series: [
      { name: t('network.chartInterval'), type: 'bar', data: intervals },
      { name: t('network.chartTxs'), type: 'line', yAxisIndex: 1, data: ordered.map((b) => b.txCount), symbolSize: 4 },
    ],
  };
  return (
    <div data-testid="block-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260 }} />
    </div>
  );
}
