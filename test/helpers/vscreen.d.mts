export interface VirtualScreen {
  feed(text: string): void;
  text(): string;
  styleAt(row: number, col: number): string;
}
export function virtualScreen(columns: number, rows: number): VirtualScreen;
