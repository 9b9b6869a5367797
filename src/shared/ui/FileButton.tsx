import { useId, type InputHTMLAttributes } from 'react';
import './fileButton.css';

interface Props {
  label: string;
  accept: string;
  multiple?: boolean;
  capture?: InputHTMLAttributes<HTMLInputElement>['capture'];
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A native file input (keyboard, screen readers and test tools reach it as the real control)
 * visually replaced by its label styled as a button.
 */
export function FileButton({ label, accept, multiple, capture, disabled, onFiles }: Props) {
  const id = useId();
  return (
    <span className="attachment-control">
      <input
        id={id}
        type="file"
        className="attachment-input"
        accept={accept}
        multiple={multiple}
        capture={capture}
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Cleared so that choosing the same file again is noticed.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={id} className="button">
        {label}
      </label>
    </span>
  );
}
