// The header row every data table in the dashboard uses: plain column names, scoped for screen readers.
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col" className="px-3 py-2 font-medium">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
